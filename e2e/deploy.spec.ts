import { SUBPATH, SUBPATH_PORT } from '../playwright.config';
import { expect, test, type Page } from './test';

const DEEP = `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH}`;

async function trainOneEpoch(page: Page) {
  await page.getByLabel('Epochs').fill('1');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  await expect(page.getByTestId('metric-val-accuracy')).not.toHaveText('—');
}

test('the build served under a deep sub-path trains the MNIST sample', async ({ page }) => {
  await page.goto(`${DEEP}?e2e.maxTrain=128&e2e.maxVal=64`);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await trainOneEpoch(page);
  expect(page.url()).toContain(`${SUBPATH}?`);
  // This server sends no isolation headers (as GitHub Pages cannot): WASM runs on one thread, and the page says why.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('wasm-threads')).toContainText('this server does not send the COOP and COEP headers');
});

test('after one visit the app works offline, training included', async ({ page, context }) => {
  await page.goto(`${DEEP}?e2e.sw=1&e2e.maxTrain=128&e2e.maxVal=64`);
  await expect(page.getByTestId('offline-status')).toContainText('work offline', { timeout: 60_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('train-button')).toBeEnabled();
  // Chromium's offline emulation does not reach navigator.onLine in a reloaded page until the state changes again.
  await context.setOffline(false);
  await context.setOffline(true);
  await expect(page.getByTestId('offline-datasets')).toContainText('Available now: the MNIST sample');
  await expect(page.getByRole('option', { name: /Fashion-MNIST.*offline, not downloaded yet/ })).toBeDisabled();
  await trainOneEpoch(page);
  await context.setOffline(false);
});

test('a new version is offered, and never swapped in under a running training', async ({ page }) => {
  await page.goto(`${DEEP}?e2e.sw=1&e2e.maxTrain=64&e2e.maxVal=32`);
  await expect(page.getByTestId('offline-status')).toContainText('work offline', { timeout: 60_000 });
  await page.reload();
  await expect(page.getByTestId('train-button')).toBeEnabled();
  // A newer deployment: the service worker script changed on the server. The first reload offers it.
  // (Found before the run here: on two cores a training run starves the service worker's install for a minute.)
  await page.request.get(`${DEEP}__new-version`);
  await page.reload();
  const offer = page.getByTestId('update-offer');
  await expect(offer).toContainText('Reloading loads it', { timeout: 60_000 });
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('1000');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByTestId('train-button').click();
  await expect.poll(async () => Number(await page.getByTestId('epoch').textContent()), { timeout: 60_000 }).toBeGreaterThan(1);
  // While it trains, the new version waits.
  await expect(offer).toContainText('when this run ends');
  await expect(offer.getByRole('button', { name: 'Reload to update' })).toBeDisabled();
  const before = Number(await page.getByTestId('epoch').textContent());
  await expect.poll(async () => Number(await page.getByTestId('epoch').textContent())).toBeGreaterThan(before);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await page.getByTestId('stop-button').click();
  // Between runs it may be taken: the page reloads on the new version, and the run stays in the history.
  const reloaded = page.waitForEvent('load');
  await offer.getByRole('button', { name: 'Reload to update' }).click();
  await reloaded;
  await page.getByRole('tab', { name: 'Run history' }).click();
  await expect(page.getByTestId('history-run-1')).toContainText('stopped');
  await expect(page.getByTestId('update-offer')).toHaveCount(0);
});

import { expect, test } from '@playwright/test';
import { openApp, readNumber } from './helpers';

test('the WebGPU backend trains a few batches when chosen', async ({ page }) => {
  await openApp(page, { maxTrain: 256, maxVal: 64 });
  await page.getByTestId('backend-select').selectOption('webgpu');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expect.poll(() => readNumber(page, 'step'), { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  expect(Number.isFinite(await readNumber(page, 'metric-loss'))).toBe(true);
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped');
});

test('a backend that fails to start falls back and says why', async ({ page }) => {
  await openApp(page, { failBackends: 'webgl' });
  await page.getByTestId('backend-select').selectOption('webgl');
  await page.getByTestId('train-button').click();
  // WebGL fails; software WebGPU is passed over; WASM cannot train a CNN; CPU runs it.
  await expect(page.getByTestId('backend')).toHaveText('cpu');
  const fallbacks = page.getByTestId('backend-fallbacks');
  await expect(fallbacks).toContainText('webgl was passed over: it was made to fail for a test');
  await expect(fallbacks).toContainText('Conv2DBackpropFilter');
  await expect.poll(() => readNumber(page, 'step')).toBeGreaterThanOrEqual(1);
  await page.getByTestId('stop-button').click();
});

test('when no backend works the page says so and stays usable', async ({ page }) => {
  await openApp(page, { failBackends: 'webgpu,webgl,wasm,cpu' });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('error');
  await expect(page.getByTestId('error')).toContainText('No tfjs backend could train this model');
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('a loss that becomes NaN stops the run within one batch with a message', async ({ page }) => {
  await openApp(page, { nanAtStep: 3, maxTrain: 4096 });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('error');
  await expect(page.getByTestId('error')).toContainText('NaN or infinite at epoch 1, step 3');
  expect(await readNumber(page, 'step')).toBe(2);
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('a worker that crashes gives a message and leaves the page usable', async ({ page }) => {
  await openApp(page, { crashWorker: 1 });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('error');
  await expect(page.getByTestId('error')).toContainText('The training worker crashed');
  await expect(page.getByTestId('error')).toContainText('Simulated worker crash');
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

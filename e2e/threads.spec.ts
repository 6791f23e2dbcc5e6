// WASM on threads: the preview server sends the isolation headers (as the
// static hosts' header files do); the test machine has 2 cores, which get
// one thread by tfjs's rule, so `e2e.wasmThreads` stands in for a bigger one.
import { SECURITY_HEADERS } from '../deploy/securityHeaders';
import { openApp, readNumber, stopRun } from './helpers';
import { expect, test, type Page } from './test';

async function trainOnWasm(page: Page): Promise<void> {
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('backend')).toHaveText('wasm', { timeout: 90_000 });
  await expect.poll(() => readNumber(page, 'step'), { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  expect(Number.isFinite(await readNumber(page, 'metric-loss'))).toBe(true);
}

test('on a cross-origin isolated page the CNN trains on WASM threads, and the page says how many', async ({ page }) => {
  await openApp(page, { maxTrain: 256, maxVal: 64, wasmThreads: 2 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await trainOnWasm(page);
  await expect(page.getByTestId('wasm-threads')).toHaveText('WebAssembly computes on 2 threads (this page is cross-origin isolated).');
  await stopRun(page);
});

test('when WASM threads fail to start, training goes on on one thread and the page says why', async ({ page }) => {
  await openApp(page, { maxTrain: 256, maxVal: 64, wasmThreads: 2, breakWasmThreads: 1 });
  await trainOnWasm(page);
  await expect(page.getByTestId('wasm-threads')).toContainText(
    'WebAssembly computes on one thread: its threads failed to start (a thread failed:',
  );
  // Not an error: the run goes on (a short one may already be done).
  await expect(page.getByTestId('run-status')).toHaveText(/running|done/);
  await stopRun(page);
});

test("served with the static hosts' headers (public/_headers), the policy lets WASM threads start", async ({ page, baseURL }) => {
  // Every response from the app's server gets the headers a Netlify or nginx deployment sends, its CSP included.
  const origin = new URL(baseURL ?? '').origin;
  await page.route(
    (url) => url.origin === origin,
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), ...SECURITY_HEADERS } });
    },
  );
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await openApp(page, { maxTrain: 256, maxVal: 64, wasmThreads: 2 });
  await trainOnWasm(page);
  await expect(page.getByTestId('wasm-threads')).toHaveText('WebAssembly computes on 2 threads (this page is cross-origin isolated).');
  expect(violations).toEqual([]);
  await stopRun(page);
});

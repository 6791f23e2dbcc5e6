import { expect, test } from './test';
import { openApp, readNumber, stopRun } from './helpers';

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

test('auto starts at once, times every backend during the run by one statistic, and names the fastest', async ({ page }) => {
  await openApp(page, { maxTrain: 256, maxVal: 64 });
  // The warm-up times the quick backends before Train, and the page shows what it measured.
  await expect(page.getByTestId('backend-reason')).toContainText('Auto chose', { timeout: 90_000 });
  await page.getByTestId('train-button').click();
  await expect.poll(() => readNumber(page, 'step')).toBeGreaterThanOrEqual(1);
  // At the end of epoch 1 every backend is timed against the run's own, in interleaved windows.
  await expect(page.getByTestId('backend-reason')).toContainText('Auto timed every backend at the end of epoch 1', { timeout: 90_000 });
  const rows = await page
    .getByTestId('backend-speeds')
    .locator('tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('th')?.textContent ?? '',
        rate: Number((tr.querySelector('td')?.textContent ?? '').replace(/,/g, '')),
        chosen: tr.classList.contains('chosen'),
      })),
    );
  // The default CNN: WASM (with our Conv2DBackpropFilter) was timed; the CPU too, or it is named as far slower per step.
  expect(rows.length).toBeGreaterThanOrEqual(1);
  if (!rows.some((row) => row.name === 'CPU'))
    await expect(page.getByTestId('backend-fallbacks')).toContainText(/CPU was passed over: one step took \d+ ms/);
  const fastest = rows.reduce((a, b) => (b.rate > a.rate ? b : a));
  expect(fastest.chosen).toBe(true);
  // Software WebGPU and software WebGL are not worth measuring, and the page says so.
  await expect(page.getByTestId('backend-fallbacks')).toContainText('WebGPU was passed over');
  await expect(page.getByTestId('backend-fallbacks')).toContainText('WebGL was passed over: the WebGL renderer is software');
  await stopRun(page);
});

test('auto passes over a backend that fails to start and says why', async ({ page }) => {
  await openApp(page, { failBackends: 'wasm', maxTrain: 256, maxVal: 64 });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('backend-fallbacks')).toContainText('WASM was passed over: it was made to fail for a test', {
    timeout: 90_000,
  });
  await expect(page.getByTestId('backend')).not.toHaveText('wasm');
  await expect.poll(() => readNumber(page, 'step')).toBeGreaterThanOrEqual(1);
  await stopRun(page);
});

test('an explicit backend that cannot run is refused plainly, not replaced', async ({ page }) => {
  await openApp(page, { failBackends: 'webgl' });
  await page.getByTestId('backend-select').selectOption('webgl');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('error');
  await expect(page.getByTestId('error')).toContainText('WebGL cannot train this model here: it was made to fail for a test');
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('when no backend works the page says so and stays usable', async ({ page }) => {
  await openApp(page, { failBackends: 'webgpu,webgl,wasm,cpu,fused' });
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('error');
  await expect(page.getByTestId('error')).toContainText('No backend could train this model');
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

test('a worker that dies without an error event is noticed: the run ends with a message and the curves stay', async ({ page }) => {
  await openApp(page, { silentDeath: 1, maxTrain: 4096 });
  await page.getByTestId('train-button').click();
  await expect.poll(() => readNumber(page, 'step')).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('run-status')).toHaveText('error', { timeout: 40_000 });
  await expect(page.getByTestId('error')).toContainText('stopped responding');
  // What was trained before the worker died is still on the page.
  expect(await readNumber(page, 'step')).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('one step that blocks the worker longer than the liveness limit is not taken for a dead worker', async ({ page }) => {
  // The page declares a silent worker dead after 3 s here; one step holds the worker's thread for 7 s.
  await openApp(page, { livenessMs: 3000, blockStepMs: 7000, maxTrain: 512 });
  await page.getByTestId('train-button').click();
  await expect.poll(() => readNumber(page, 'step'), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('run-status')).not.toHaveText('error');
  await stopRun(page);
});

test('a WASM abort is said in words and the worker restarts, so the next run trains; a model past the memory budget is refused', async ({
  page,
}) => {
  await openApp(page, { abortAtStep: 3, maxTrain: 1024, maxVal: 128 });
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('1');
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('error');
  const error = page.getByTestId('error');
  await expect(error).toContainText('The backend ran out of memory (or its WebAssembly code stopped)');
  await expect(error).toContainText('The training worker is restarted');
  // Never the toolchain's own text.
  await expect(error).not.toContainText('Aborted(');
  await expect(error).not.toContainText('-sASSERTIONS');
  await expect(error).not.toContainText('memory access out of bounds');

  // The next run gets a fresh worker, and WASM trains in it.
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('backend')).toContainText(/wasm/i);
  expect(await readNumber(page, 'step')).toBeGreaterThan(3);

  // What cannot fit is refused before it starts, from the estimate against the stated budget.
  await page.getByLabel('Preset').selectOption('lenet');
  await page.getByLabel('Layer 1 filters').fill('128');
  await page.getByLabel('Batch size').fill('4096');
  await expect(page.getByTestId('memory-error')).toContainText('needs about');
  await expect(page.getByTestId('memory-error')).toContainText('more than the 2,048 MiB a browser tab can be counted on for');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await page.getByLabel('Batch size').fill('64');
  await expect(page.getByTestId('memory-error')).toHaveCount(0);
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

import { expect, test } from './test';
import { openApp, readNumber, stopRun } from './helpers';

test('trains the default CNN on MNIST: metrics become finite and accuracy beats chance', async ({ page }) => {
  await openApp(page, { maxTrain: 1024, maxVal: 256 });
  await expect(page.getByTestId('run-status')).toHaveText('idle');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await expect(page.getByTestId('backend')).not.toHaveText('—');
  const backend = await page.getByTestId('backend').textContent();
  console.log(`backend chosen by auto: ${backend}`);
  // Auto never picks a software WebGPU adapter (SwiftShader here).
  expect(backend).not.toBe('webgpu');

  await expect.poll(() => readNumber(page, 'metric-loss')).toBeGreaterThan(0);
  await expect.poll(() => readNumber(page, 'samples-per-second')).toBeGreaterThan(0);
  // Two epochs of 1,024 digits: validation accuracy is well above the 10 % of guessing.
  await expect.poll(() => readNumber(page, 'epoch'), { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  for (const id of ['metric-loss', 'metric-accuracy', 'metric-f1', 'metric-val-loss', 'metric-val-accuracy', 'metric-val-f1']) {
    expect(Number.isFinite(await readNumber(page, id)), id).toBe(true);
  }
  expect(await readNumber(page, 'metric-val-accuracy')).toBeGreaterThan(0.3);
  expect(await readNumber(page, 'metric-val-f1')).toBeGreaterThan(0.2);
  // The batch chart has drawn a line.
  await expect(page.getByTestId('batch-chart').locator('path.recharts-curve').first()).toBeVisible();
  // The run may have finished its epochs by now.
  await stopRun(page);

  // Inside the CNN: one validation sample through each convolution and pooling layer, and the filters.
  const explainer = page.getByTestId('cnn-explainer');
  await expect(explainer.getByTestId('cnn-layer')).toHaveCount(4);
  await expect(explainer.getByTestId('cnn-layer').first()).toContainText('24×24×8');
  await expect(explainer.getByRole('img', { name: /^filter \d+$/ })).toHaveCount(8 + 16);
  await expect(explainer).toContainText('Validation sample 1:');
  await explainer.getByRole('button', { name: 'Next sample' }).click();
  await expect(explainer).toContainText('Validation sample 2:');
  await explainer.screenshot({ path: 'test-results/cnn-explainer.png' });
});

test('pause stops the steps, resume continues, stop ends the run', async ({ page }) => {
  await openApp(page, { maxTrain: 4096 });
  await page.getByTestId('train-button').click();
  await expect.poll(() => readNumber(page, 'step')).toBeGreaterThanOrEqual(2);
  await page.getByTestId('pause-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  const pausedAt = await readNumber(page, 'step');
  await page.waitForTimeout(1500);
  expect(await readNumber(page, 'step')).toBe(pausedAt);

  await page.getByTestId('step-button').click();
  await expect.poll(() => readNumber(page, 'step')).toBe(pausedAt + 1);
  await page.waitForTimeout(1000);
  expect(await readNumber(page, 'step')).toBe(pausedAt + 1);
  await expect(page.getByTestId('run-status')).toHaveText('paused');

  await page.getByTestId('resume-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await expect.poll(() => readNumber(page, 'step')).toBeGreaterThan(pausedAt + 2);
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped');
  const stoppedAt = await readNumber(page, 'step');
  await page.waitForTimeout(1000);
  expect(await readNumber(page, 'step')).toBe(stoppedAt);
  // A new run can start after a stop.
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('running');
});

test('Step before any Train starts a run paused after one batch', async ({ page }) => {
  await openApp(page, { maxTrain: 4096 });
  await expect(page.getByTestId('step-button')).toBeEnabled();
  await page.getByTestId('step-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  expect(await readNumber(page, 'step')).toBe(1);
  await page.getByTestId('step-button').click();
  await expect.poll(() => readNumber(page, 'step')).toBe(2);
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  await page.getByTestId('stop-button').click();
});

test('a learning-rate schedule is set, drawn, carried by the link, and marked on the batch chart', async ({ page }) => {
  await openApp(page, { maxTrain: 256, maxVal: 64 });
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('4');
  await page.getByLabel('Learning-rate schedule').selectOption('cosine');
  await page.getByLabel('Warm-up (epochs)').fill('1');
  const curve = page.getByTestId('schedule-curve');
  await expect(curve.locator('polyline')).toHaveAttribute('points', /,/);
  await expect(curve).toContainText('Rate over 4 epochs: from');
  await expect.poll(() => page.url()).toContain('sch=cosine');
  await page.reload();
  await expect(page.getByLabel('Learning-rate schedule')).toHaveValue('cosine');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('batch-chart')).toContainText('learning rate (schedule, own scale)');
  await page.getByTestId('batch-chart').screenshot({ path: 'test-results/schedule-batch-chart.png' });
  await page.locator('section.settings').screenshot({ path: 'test-results/schedule-settings.png' });
});

test('the learning-rate finder plots loss against the rate, suggests one, applies it in a click, and trains nothing', async ({ page }) => {
  await openApp(page, { maxTrain: 512, maxVal: 64 });
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.0001');
  await page.getByTestId('lr-finder-button').click();
  const reading = page.getByTestId('lr-finder-reading');
  await expect(reading).toContainText(/Loss against the learning rate over \d+ batches/, { timeout: 60_000 });
  await expect(reading).toContainText(/Suggested: [\d.e-]+, a tenth of the rate where the loss was lowest/);
  await expect(page.getByTestId('lr-finder').locator('.recharts-line-curve')).toHaveCount(1);
  const suggested = (await reading.textContent())!.match(/Suggested: ([\d.e-]+)/)![1];
  // No run was made: the model and the run's charts are as they were.
  await expect(page.getByTestId('run-status')).toHaveText('idle');
  await page.getByTestId('lr-finder').screenshot({ path: 'test-results/lr-finder.png' });
  await page.getByTestId('lr-finder-use').click();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue(suggested);
  await expect(page.getByTestId('lr-finder-use')).toHaveCount(0);
});

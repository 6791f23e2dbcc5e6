import { expect, test } from './test';
import { openApp, openTab, readNumber, stopRun } from './helpers';

test('build an MLP from a preset with the keyboard, see shapes and sizes, and train it', async ({ page }) => {
  await openApp(page, { maxTrain: 1024, maxVal: 256 });
  await page.getByLabel('Preset').selectOption('mlp');
  await expect(page.getByTestId('layer-2-shape')).toHaveText('[128]');
  // 784*128+128, 128*64+64, output 64*10+10
  await expect(page.getByTestId('layer-2-params')).toHaveText('100,480 params');
  await expect(page.getByTestId('total-params')).toHaveText('109,386');

  // Keyboard only: pick a kind, add it, move it up, edit its rate.
  await page.getByLabel('New layer kind').focus();
  await page.getByLabel('New layer kind').selectOption('dropout');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add layer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('layer-4')).toContainText('dropout');
  await page.getByRole('button', { name: 'Move layer 4 up' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('layer-3')).toContainText('dropout');
  await expect(page.getByTestId('layer-4-shape')).toHaveText('[64]');
  await page.getByLabel('Layer 3 rate').fill('0.2');
  await page.getByLabel('Layer 2 units').fill('32');
  await expect(page.getByTestId('layer-2-params')).toHaveText('25,120 params');
  await expect(page.getByTestId('total-params')).toHaveText(String((25_120 + 32 * 64 + 64 + 650).toLocaleString('en-US')));
  await expect(page.getByTestId('memory-estimate')).toContainText('MiB');

  await page.getByTestId('train-button').click();
  await expect.poll(() => readNumber(page, 'epoch'), { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  expect(await readNumber(page, 'metric-val-accuracy')).toBeGreaterThan(0.3);
  // A fast backend may have finished all epochs already (or finish before the click lands).
  await stopRun(page);
});

test('an invalid stack names the layer and disables Train until fixed', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('New layer kind').selectOption('conv2d');
  await page.getByRole('button', { name: 'Add layer' }).click();
  await expect(page.getByTestId('model-error')).toContainText('Layer 4 (conv2d)');
  await expect(page.getByTestId('model-error')).toContainText('image input');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await page.getByRole('button', { name: 'Remove layer 4' }).click();
  await expect(page.getByTestId('model-error')).toHaveCount(0);
  await page.getByLabel('Layer 2 units').fill('0');
  await expect(page.getByTestId('model-error')).toContainText('Layer 2 (dense): a dense layer needs at least 1 unit');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await page.getByLabel('Layer 2 units').fill('16');
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('settings refuse nonsense with a reason, and the learning rate can change mid-run', async ({ page }) => {
  await openApp(page, { maxTrain: 4096 });
  await page.getByLabel('Batch size').fill('-4');
  await expect(page.getByTestId('setting-batchSize-error')).toHaveText('Must be at least 1.');
  await page.getByLabel('Batch size').fill('32');
  await expect(page.getByTestId('setting-batchSize-error')).toHaveCount(0);
  await page.getByLabel('Learning rate', { exact: true }).fill('10');
  await expect(page.getByTestId('setting-learningRate-error')).toHaveText('Must be below 10.');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.001');
  await page.getByLabel('Preset').selectOption('mlp');

  await page.getByTestId('train-button').click();
  await expect.poll(() => readNumber(page, 'step')).toBeGreaterThanOrEqual(2);
  await page.getByLabel('Learning rate', { exact: true }).fill('0.01');
  const marker = page.getByTestId('lr-markers').locator('li');
  await expect(marker).toHaveCount(1);
  await expect(marker).toContainText('learning rate 0.01 from step');
  expect(Number(await marker.getAttribute('data-step'))).toBeGreaterThan(2);
  await expect(page.getByTestId('batch-chart').locator('.recharts-reference-line')).toHaveCount(1);

  await page.getByTestId('reset-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('idle');
  await expect(page.getByTestId('step')).toHaveText('0');
  await expect(marker).toHaveCount(0);
});

test('optimizer parameters, kernel penalties, weight decay, and early stopping that restores the best epoch', async ({ page }) => {
  await openApp(page, { maxTrain: 64, maxVal: 128 });
  const optimizer = page.getByLabel('Optimizer');
  // Optimizer parameters, weight decay and the seed fold away until asked for.
  await expect(page.getByLabel('Weight decay (L2)')).toBeHidden();
  await page.getByText(/^More settings/).click();
  await optimizer.selectOption('rmsprop');
  await expect(page.getByLabel('Rho', { exact: true })).toHaveValue('0.9');
  await expect(page.getByLabel('Momentum', { exact: true })).toHaveValue('0');
  await expect(page.getByLabel('Epsilon')).toHaveValue('1e-7');
  await optimizer.selectOption('adadelta');
  await expect(page.getByLabel('Rho', { exact: true })).toHaveValue('0.95');
  await expect(page.getByLabel('Momentum', { exact: true })).toHaveCount(0);
  await optimizer.selectOption('momentum');
  await page.getByLabel('Momentum', { exact: true }).fill('1');
  await expect(page.getByTestId('setting-momentum-error')).toHaveText('Must be below 1.');
  await page.getByLabel('Momentum', { exact: true }).fill('0.8');
  await expect(page.getByTestId('setting-momentum-error')).toHaveCount(0);
  await optimizer.selectOption('adam');
  await expect(page.getByLabel('Beta 1')).toHaveValue('0.9');

  await page.getByLabel('Preset').selectOption('overfit');
  await page.getByLabel('Layer 2 L1').fill('-1');
  await expect(page.getByTestId('model-error')).toContainText('Layer 2 (dense): the L1 penalty must be between 0 and 1');
  await page.getByLabel('Layer 2 L1').fill('0');
  await page.getByLabel('Weight decay (L2)').fill('0.0001');
  await page.getByLabel('Batch size').fill('8');
  await page.getByLabel('Epochs').fill('40');
  await page.getByLabel('Early stopping').check();
  await page.getByLabel('Patience').fill('2');

  // 64 training samples and a huge MLP: validation loss soon rises, and early stopping ends the run.
  await page.getByTestId('train-button').click();
  const note = page.getByTestId('early-stop-note');
  await expect(note).toContainText('Early stopping ended the run', { timeout: 100_000 });
  await expect(page.getByTestId('run-status')).toHaveText('done');
  const stoppedAt = await readNumber(page, 'epoch');
  expect(stoppedAt).toBeLessThan(40);
  await expect(note).toContainText(`weights of epoch ${stoppedAt - 2}`);
  await expect(page.getByText('best (restored)')).toBeVisible();
  // The early-stop label sits inside the chart, not clipped at its right edge.
  const chart = page.getByTestId('loss-chart').locator('svg.recharts-surface').first();
  const label = page.getByTestId('loss-chart').getByText('early stop', { exact: true });
  const [box, area] = [await label.boundingBox(), await chart.boundingBox()];
  expect(box!.x).toBeGreaterThanOrEqual(area!.x);
  expect(box!.x + box!.width).toBeLessThanOrEqual(area!.x + area!.width);
  // Every view describes the model that was kept: the restored epoch's figures.
  await expect(page.getByTestId('kept-epoch')).toContainText(`Figures of epoch ${stoppedAt - 2}`);
  await openTab(page, 'Run history');
  await expect(page.getByTestId('history-run-1').getByTestId('history-scores')).toContainText(
    `epoch ${stoppedAt - 2}, kept by early stopping`,
  );
});

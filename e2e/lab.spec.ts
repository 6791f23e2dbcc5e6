import { expect, test } from './test';
import { openApp, readNumber } from './helpers';

test('overfitting lab: a tiny, noisy training set and a huge model open a gap, with the best epoch marked', async ({ page }) => {
  await openApp(page, { maxVal: 128 });
  await page.getByLabel('Preset').selectOption('overfit');
  await page.getByLabel('Training set size').fill('3'); // 1 % of the training split
  await expect(page.getByText('Training set size: 1% of the training split')).toBeVisible();
  await page.getByLabel('Label noise').fill('0.2');
  await expect(page.getByText('Label noise: 20% of training labels flipped')).toBeVisible();
  await page.getByLabel('Epochs').fill('10');
  await page.getByLabel('Batch size').fill('16');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 100_000 });
  // 1 % of 8,000, at least one per class, rounded per class.
  await expect(page.getByText(/\b(7\d|8\d) training \/ 128 validation samples/)).toBeVisible();
  await expect(page.getByText('16 training labels flipped on purpose')).toBeVisible();
  const chart = page.getByTestId('loss-chart');
  await expect(chart.locator('.gap-area path').first()).toBeVisible();
  await expect(chart.getByText('best val loss')).toBeVisible();
  // Training accuracy far above validation accuracy: the gap is real.
  expect(await readNumber(page, 'metric-accuracy')).toBeGreaterThan((await readNumber(page, 'metric-val-accuracy')) + 0.2);
  await expect(page.getByTestId('memorising-note')).toContainText('started to memorise the training set');

  // One click puts dropout after every dense layer, another takes it out.
  await page.getByRole('button', { name: 'Dropout off' }).click();
  await expect(page.getByTestId('layer-3')).toContainText('dropout');
  await page.getByRole('button', { name: 'Dropout on' }).click();
  await expect(page.getByTestId('layer-3')).toContainText('dense');
  await page.getByRole('button', { name: 'L2 off' }).click();
  await expect(page.getByLabel('Weight decay (L2)')).toHaveValue('0.001');
});

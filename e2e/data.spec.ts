import { expect, test } from './test';
import { finiteAndUnpaced, openApp, readNumber } from './helpers';

test('a sample CSV loads with its columns, and a model trains on it', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Dataset').selectOption('sample:iris');
  await expect(page.getByTestId('csv-summary')).toContainText('150 rows, 5 columns');
  await expect(page.getByTestId('dataset-active')).toContainText('iris.csv');
  await expect(page.getByTestId('column-species')).toContainText('target');
  await expect(page.getByTestId('column-sepal_length')).toContainText('numbers');
  // Rows of numbers get a small MLP fitted to the table's size, and the page says what and why.
  await expect(page.getByTestId('data-notice')).toContainText('Fitted to 150 rows predicting 3 classes');
  await expect(page.getByTestId('layer-1')).toContainText('dense');
  await page.getByLabel('Epochs').fill('3');
  await page.getByLabel('Batch size').fill('16');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.01');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  expect(await readNumber(page, 'metric-val-accuracy')).toBeGreaterThan(0.5);
  expect(await readNumber(page, 'metric-val-f1')).toBeGreaterThan(0.4);

  // For CSV data the gallery is a table of rows with their predictions.
  const gallery = page.getByTestId('gallery');
  await gallery.getByLabel('Only mistakes').uncheck();
  await expect(gallery.getByRole('columnheader', { name: 'petal_length' })).toBeVisible();
  await expect(gallery.getByTestId('gallery-item').first()).toContainText(/setosa|versicolor|virginica/);
  // Type one row and see the prediction.
  const form = page.getByTestId('row-form');
  await form.getByLabel('petal_length').fill('1.4');
  await form.getByLabel('petal_width').fill('0.2');
  await form.getByRole('button', { name: 'Predict' }).click();
  await expect(page.getByTestId('row-prediction')).toContainText(/Predicted species: (setosa|versicolor|virginica) \([\d.]+%\)/);
  // Words in a number field are refused, with the reason beside the field.
  await form.getByLabel('petal_width').fill('abc');
  await expect(form.getByTestId('row-problem')).toContainText('petal_width takes a number; "abc" is not one');
  await expect(form.getByRole('button', { name: 'Predict' })).toBeDisabled();
});

test('upload a CSV, pick the target, train and see metrics', async ({ page }) => {
  await openApp(page);
  const rows = Array.from({ length: 120 }, (_, i) => {
    const x = (i % 10) / 10;
    const label = x > 0.45 ? 'high' : 'low';
    return `${i + 1},${label},${x},${['a', 'b', 'c'][i % 3]},${(i * 7) % 13}`;
  });
  const csv = ['id,label,x,group,noise', ...rows].join('\r\n');
  await page.getByText('Use your own CSV').click();
  await page.getByLabel(/CSV file/).setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('csv-summary')).toContainText('120 rows, 5 columns');
  await expect(page.getByTestId('not-shareable')).toContainText('local file');
  await expect(page.getByTestId('column-id')).toContainText('an identifier');
  // The last column is the default target; pick `label`.
  await page.getByLabel('Target column').selectOption('label');
  await expect(page.getByLabel('Task')).toHaveValue('regression');
  await page.getByLabel('Task').selectOption('classification');
  await page.getByLabel('Type of column noise').selectOption('ignored');
  await expect(page.getByTestId('model-input')).toHaveText('[4]'); // x + group one-hot (3)
  await page.getByLabel('Epochs').fill('4');
  await page.getByLabel('Batch size').fill('16');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.02');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  expect(await readNumber(page, 'metric-val-accuracy')).toBeGreaterThan(0.6);
});

test('a broken CSV gets a clear message and the previous dataset stays active', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Dataset').selectOption('sample:iris');
  await expect(page.getByTestId('csv-summary')).toContainText('150 rows');
  await page.getByText('Use your own CSV').click();
  await page.getByLabel('Paste CSV text').fill('just one column\n1\n2\n');
  await page.getByRole('button', { name: 'Use pasted text' }).click();
  await expect(page.getByTestId('data-error')).toContainText('only one column');
  await expect(page.getByTestId('data-error')).toContainText('The previous dataset (iris.csv (sample)) is still active');
  await expect(page.getByTestId('dataset-active')).toContainText('iris.csv');
  await expect(page.getByTestId('csv-summary')).toContainText('150 rows');
  await expect(page.getByTestId('train-button')).toBeEnabled();

  for (const [text, message] of [
    ['colour,size,label\nred,1,yes\nblue,2,yes\ngreen,3,yes\n', 'only one class ("yes")'],
    ['id,label\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n7,a\n8,b\n9,a\n10,b\n11,a\n12,b\n', 'No column is usable as a feature'],
  ]) {
    await page.getByLabel('Paste CSV text').fill(text);
    await page.getByRole('button', { name: 'Use pasted text' }).click();
    await expect(page.getByTestId('data-error')).toContainText(message);
    await expect(page.getByTestId('dataset-active')).toContainText('iris.csv');
  }
  await page.getByLabel(/CSV file/).setInputFiles({
    name: 'latin1.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x78, 0x0a, 0x31, 0x2c, 0x32, 0x0a]),
  });
  await expect(page.getByTestId('data-error')).toContainText('not UTF-8');
  await expect(page.getByTestId('dataset-active')).toContainText('iris.csv');

  await page.getByLabel('Paste CSV text').fill('a,b,c\n1,2,x\n3,4\n5,6,y\n7,8,x,9\n');
  await page.getByRole('button', { name: 'Use pasted text' }).click();
  await expect(page.getByTestId('csv-skipped')).toContainText('Skipped 2 rows');
  await expect(page.getByTestId('csv-skipped')).toContainText('lines 3, 5');
});

test('a regression trains and its mean squared error falls', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Dataset').selectOption('synthetic');
  await page.getByLabel('Synthetic set').selectOption('plane');
  // TensorFlow Playground's start: two tanh layers of 4 and 2.
  await expect(page.getByTestId('layer-1-shape')).toHaveText('[4]');
  await expect(page.getByText('output: dense 1, linear')).toBeVisible();
  // 2-D sets train until stopped at a watching pace; this test wants 20 epochs, fast.
  await finiteAndUnpaced(page);
  await page.getByLabel('Epochs').fill('20');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByText('Mean squared error per epoch')).toBeVisible();
  // The chart's text summary gives the first and the last epoch.
  const summaryText = page.locator('figure', { hasText: 'Mean squared error per epoch' }).locator('.sr-only');
  // The chart may draw the last epoch a frame after the run says done.
  await expect(summaryText).toContainText('After epoch 20');
  const summary = await summaryText.textContent();
  const [last, first] = [...(summary ?? '').matchAll(/training loss [\d.]+, validation (\d+\.\d+)/g)].map((m) => Number(m[1]));
  expect(last).toBeLessThan(first);
  expect(await readNumber(page, 'metric-val-loss')).toBeLessThan(0.5);
  expect(await readNumber(page, 'metric-val-r2')).toBeGreaterThan(0.5);
});

test('a CSV regression: rows with their predicted values, largest error first, and a typed row', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Dataset').selectOption('sample:cars');
  await expect(page.getByTestId('csv-summary')).toContainText('406 rows');
  await page.getByLabel('Epochs').fill('3');
  await page.getByLabel('Batch size').fill('16');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.01');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('metric-val-r2')).not.toHaveText('—');
  const gallery = page.getByTestId('gallery');
  await expect(gallery.getByRole('columnheader', { name: 'error' })).toBeVisible();
  const errors = await gallery
    .getByTestId('gallery-item')
    .evaluateAll((rows) => rows.map((row) => Math.abs(Number(row.lastElementChild?.textContent))));
  expect(errors.length).toBeGreaterThan(5);
  for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThanOrEqual(errors[i - 1] + 1e-3);
  const form = page.getByTestId('row-form');
  await form.getByLabel('Weight_in_lbs').fill('2000');
  await form.getByRole('button', { name: 'Predict' }).click();
  await expect(page.getByTestId('row-prediction')).toContainText(/Predicted Miles_per_Gallon: -?\d+\.\d{3}/);
});

test('a 2 MB cell and a 1 MB column name are clipped wherever the page shows them', async ({ page }) => {
  await openApp(page);
  const longName = `n${'x'.repeat(1_000_000)}`;
  const longCell = 'y'.repeat(2_000_000);
  const rows = Array.from({ length: 40 }, (_, i) => `${i % 5},${i === 0 ? longCell : `c${i % 3}`},${i % 2 ? 'a' : 'b'}`);
  const csv = [`${longName},text,label`, ...rows].join('\n');
  await page.getByText('Use your own CSV').click();
  await page.getByLabel(/CSV file/).setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('csv-summary')).toContainText('40 rows, 3 columns');
  await expect(page.getByTestId('column-text')).toBeVisible();
  const shown = await page.evaluate(() => document.body.innerHTML);
  expect(shown).toContain('(1,000,001 characters)');
  expect(shown).toContain('(2,000,000 characters)');
  // Nothing the page holds comes near the long texts' size: the preview, the column table, the target select.
  expect(await page.evaluate(() => document.body.innerHTML.length)).toBeLessThan(400_000);
  await page.getByLabel('Target column').selectOption({ index: 0 });
  await expect(page.getByTestId('data-error')).toHaveCount(0);
  expect(await page.evaluate(() => document.body.innerHTML.length)).toBeLessThan(400_000);
});

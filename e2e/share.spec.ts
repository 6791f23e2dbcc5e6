import { expect, test } from './test';
import { openApp, readNumber } from './helpers';

test('the link carries the experiment: copy it, open it elsewhere, and get the same settings', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Layer 2 units').fill('48');
  await page.getByLabel('Optimizer').selectOption('rmsprop');
  await page.getByText(/^More settings/).click();
  await page.getByLabel('Rho', { exact: true }).fill('0.8');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.003');
  await page.getByLabel('Batch size').fill('32');
  await page.getByLabel('Seed').fill('7');
  await page.getByLabel('Early stopping').check();
  await expect(page).toHaveURL(/seed=7/);

  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link-status')).toContainText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('v=1');
  expect(link.length).toBeLessThan(2000);

  const colleague = await context.newPage();
  await colleague.goto(link);
  await expect(colleague.getByTestId('train-button')).toBeEnabled();
  await expect(colleague.getByLabel('Layer 2 units')).toHaveValue('48');
  await expect(colleague.getByLabel('Optimizer')).toHaveValue('rmsprop');
  await expect(colleague.getByLabel('Rho', { exact: true })).toHaveValue('0.8');
  await expect(colleague.getByLabel('Learning rate', { exact: true })).toHaveValue('0.003');
  await expect(colleague.getByLabel('Batch size')).toHaveValue('32');
  await expect(colleague.getByLabel('Seed')).toHaveValue('7');
  await expect(colleague.getByLabel('Early stopping')).toBeChecked();
  await expect(colleague.getByTestId('total-params')).toHaveText(await page.getByTestId('total-params').innerText());
  await expect(colleague.getByTestId('link-notes')).toHaveCount(0);
});

test('back and forward move between experiment states', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Batch size').fill('32');
  await expect(page).toHaveURL(/bs=32/);
  await page.getByLabel('Epochs').fill('9');
  await expect(page).toHaveURL(/ep=9/);
  await page.goBack();
  await expect(page.getByLabel('Epochs')).toHaveValue('5');
  await expect(page.getByLabel('Batch size')).toHaveValue('32');
  await page.goBack();
  await expect(page.getByLabel('Batch size')).toHaveValue('64');
  await page.goForward();
  await expect(page.getByLabel('Batch size')).toHaveValue('32');
});

test('a hostile link lists what was dropped, and the page still works', async ({ page }) => {
  const hostile = 'v=7&lr=NaN&bs=-3&opt=__proto__&m=flatten()~teleport(3)~dense(1e12_relu)&constructor=1&e2e.maxTrain=128&e2e.maxVal=64';
  page.on('pageerror', (error) => console.log('page error:', error.message));
  await page.goto(`/?${hostile}`);
  const notes = page.getByTestId('link-notes');
  await expect(notes).toContainText('version "7"');
  await expect(notes).toContainText('Learning rate: "NaN" is not a number');
  await expect(notes).toContainText('Batch size: -3 is out of range');
  await expect(notes).toContainText('Optimizer: "__proto__" is not one of');
  await expect(notes).toContainText('Layer 2: unknown kind "teleport"');
  await expect(notes).toContainText('"constructor"');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.001');
  await expect(page.getByLabel('Batch size')).toHaveValue('1');
  // What was readable is kept: a flatten and a dense layer capped at 8,192 units.
  await expect(page.getByLabel('Layer 2 units')).toHaveValue('8192');
  await page.getByLabel('Batch size').fill('32');
  await page.getByTestId('train-button').click();
  await expect.poll(() => readNumber(page, 'step')).toBeGreaterThanOrEqual(1);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notes).toHaveCount(0);
});

test('a link to a CSV experiment loads the data and restores its target and preprocessing', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByLabel('Dataset').selectOption('sample:cars');
  await expect(page.getByTestId('csv-summary')).toContainText('406 rows');
  await expect(page.getByLabel('Task')).toHaveValue('regression');
  await page.getByLabel('Missing values').selectOption('median');
  await page.getByLabel('Scaling (fitted on the training split only)').selectOption('minmax');
  await page.getByLabel('Type of column Cylinders').selectOption('categorical');
  await page.getByTestId('copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  const colleague = await context.newPage();
  await colleague.goto(link);
  await expect(colleague.getByTestId('csv-summary')).toContainText('406 rows');
  await expect(colleague.getByLabel('Target column').locator('option:checked')).toHaveText('Miles_per_Gallon');
  await expect(colleague.getByLabel('Missing values')).toHaveValue('median');
  await expect(colleague.getByLabel('Scaling (fitted on the training split only)')).toHaveValue('minmax');
  await expect(colleague.getByLabel('Type of column Cylinders')).toHaveValue('categorical');
  await expect(colleague.getByTestId('layer-1-shape')).toHaveText(await page.getByTestId('layer-1-shape').innerText());
});

test('a link whose data was a local file asks for your own file and keeps the rest', async ({ page }) => {
  await page.goto(
    '/?v=1&ds=csv&src=file:grades.csv&tgt=passed&task=classification&miss=mean&scale=standard&dup=0&m=flatten()~dense(7_relu)&lr=0.02',
  );
  await expect(page.getByTestId('not-shareable')).toContainText('local file');
  await expect(page.getByTestId('data-problem')).toContainText('Load the CSV data (grades.csv)');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await expect(page.getByLabel('Layer 2 units')).toHaveValue('7');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.02');
});

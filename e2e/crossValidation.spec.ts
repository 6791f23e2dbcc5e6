import { expect, test } from './test';
import { openApp, openTab } from './helpers';

test('5-fold cross-validation on iris fills five rows, a mean ± sd, the folds’ curves and their spread', async ({ page }) => {
  await openApp(page, { maxTrain: 100_000, maxVal: 100_000 });
  await page.getByLabel('Dataset').selectOption('sample:iris');
  await expect(page.getByTestId('dataset-active')).toContainText('iris.csv');
  await page.getByLabel('Epochs').fill('8');
  await openTab(page, 'Sweeps');
  await page.getByTestId('cross-validate').click();
  await expect(page.getByTestId('sweep-progress')).toContainText(/Run [1-5] of 5 \(This experiment, fold [1-5] of 5\)/);
  await expect(page.getByTestId('sweep-progress')).toContainText('Done: 5 runs.', { timeout: 120_000 });
  const rows = page.getByTestId('sweep-row');
  await expect(rows).toHaveCount(5);
  for (let fold = 1; fold <= 5; fold++)
    await expect(
      rows
        .nth(fold - 1)
        .locator('td')
        .first(),
    ).toHaveText(String(fold));
  const mean = page.getByTestId('sweep-mean-row');
  await expect(mean).toContainText('This experiment: mean ± sd');
  await expect(mean).toContainText('5 folds');
  await expect(mean).toContainText(/0\.\d{3} ± 0\.\d{3}/);
  await expect(page.getByTestId('sweep-reading')).toContainText(/Across 5 folds, val accuracy runs from 0\.\d{3} to [01]\.\d{3}/);
  const curves = page.getByTestId('fold-curves');
  await expect(curves).toBeVisible();
  for (let fold = 1; fold <= 5; fold++) await expect(curves.getByText(`fold ${fold}`, { exact: true })).toBeVisible();
  await page.locator('section.sweep').screenshot({ path: 'test-results/cross-validation.png' });
});

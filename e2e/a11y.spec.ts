import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './test';
import { openApp } from './helpers';

/** Serious and critical axe violations, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

test('axe finds no serious or critical violation on the main views', async ({ page }) => {
  await openApp(page, { maxTrain: 128, maxVal: 64 });
  expect(await seriousViolations(page)).toEqual([]);

  // After a run: charts, readouts and the history table.
  await page.getByLabel('Epochs').fill('1');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  expect(await seriousViolations(page)).toEqual([]);

  // A CSV with its column table, and classroom mode.
  await page.getByLabel('Dataset').selectOption('sample:penguins');
  await expect(page.getByTestId('csv-summary')).toContainText('rows');
  await page.getByRole('button', { name: 'Classroom mode off' }).click();
  expect(await seriousViolations(page)).toEqual([]);
});

test('classroom mode and hidden panels travel in the link', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Classroom mode off' }).click();
  await page.getByText('Panels', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'run history' }).uncheck();
  await expect(page).toHaveURL(/class=1/);
  await expect(page).toHaveURL(/hide=history/);
  await expect(page.getByRole('region', { name: 'Run history' })).toHaveCount(0);
  const link = page.url();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByRole('button', { name: 'Classroom mode on' })).toBeVisible();
  await expect(other.locator('.app.classroom')).toBeVisible();
  await expect(other.getByRole('region', { name: 'Run history' })).toHaveCount(0);
});

test('on a 390-pixel-wide phone the page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByLabel('Dataset').selectOption('sample:cars');
  await expect(page.getByTestId('csv-summary')).toContainText('rows');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath('phone.png'), fullPage: false });
  await page.screenshot({ path: 'test-results/phone.png', fullPage: false });
});

test('on a phone, Train and the loss chart are on the first screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  const train = (await page.getByTestId('train-button').boundingBox())!;
  const loss = (await page.getByTestId('loss-chart').boundingBox())!;
  expect(train.y + train.height).toBeLessThanOrEqual(844);
  expect(loss.y).toBeLessThan(844);
});

test('a keyboard user reaches Train in two keys: the skip link comes first', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to Train' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('train-button')).toBeFocused();
  // The experiment in the link's fragment is untouched by the skip.
  expect(page.url()).not.toContain('#train-button');
  // Landmarks: the banner, the main area with its settings and results, and the views below.
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('complementary', { name: 'Data, training settings and model' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'More views' })).toBeVisible();
});

import { readFile } from 'node:fs/promises';
import { expect, test } from './test';
import { openApp, openTab } from './helpers';

test('a 3-value data-size sweep on the MNIST sample fills the table and the chart, exports CSV, and survives a reload', async ({
  page,
}) => {
  await openApp(page);
  await openTab(page, 'Sweeps');
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('2');
  const sweep = page.locator('section.sweep');
  await expect(sweep.getByLabel('Knob')).toHaveValue('trainFraction');
  await expect(sweep.getByLabel('Values')).toHaveValue('0.05, 0.2, 1');
  await page.getByTestId('run-sweep').click();
  await expect(page.getByTestId('sweep-progress')).toContainText(/Run [123] of 3/);
  await expect(page.getByTestId('sweep-progress')).toContainText('Done: 3 runs.', { timeout: 120_000 });

  const rows = page.getByTestId('sweep-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).locator('th')).toHaveText('5 %');
  await expect(rows.nth(2).locator('th')).toHaveText('100 %');
  // Every run has a finite validation accuracy, and more data gave more of it here.
  const accuracy = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll('td')[2]?.textContent)));
  expect(accuracy.every((a) => a > 0 && a <= 1)).toBe(true);
  expect(accuracy[2]).toBeGreaterThan(accuracy[0]);
  // The chart has a point per value, and the reading is computed from the numbers.
  await expect(page.getByTestId('sweep-chart').locator('.recharts-line-dot')).toHaveCount(3);
  await expect(page.getByTestId('sweep-reading')).toContainText(`Val accuracy is best at 100 % (${accuracy[2].toFixed(3)})`);
  // Steps to target are read at batch resolution: 7, 25 and 125 steps an epoch are checked every 1, 3 and 13 steps.
  await expect(page.getByTestId('sweep-resolution')).toHaveText(
    'Steps to target: validation checked every 1–13 steps until the target, and at each epoch end.',
  );
  await page.locator('section.sweep').screenshot({ path: 'test-results/sweep.png' });

  const download = page.waitForEvent('download');
  await page.getByTestId('sweep-csv').click();
  const csv = (await readFile(await (await download).path(), 'utf8')).trim().split('\n');
  expect(csv[0]).toMatch(/^trainFraction,seed,backend,outcome,val accuracy,/);
  expect(csv).toHaveLength(4);
  expect(csv[1]).toMatch(/^5 %,42,\w+,done,/);

  // The runs are in the history, tagged with their sweep: after a reload the table is back.
  await page.reload();
  await expect(page.getByTestId('sweep-row')).toHaveCount(3);
  await expect(page.getByTestId('sweep-progress')).toContainText('Done: 3 runs.');
  await expect(page.getByTestId('sweep-resolution')).toContainText('every 1–13 steps');
  await expect(page.getByTestId('history-sweep-tag')).toHaveCount(3);
  expect((await page.getByTestId('history-sweep-tag').allTextContents()).map((t) => t.replace(/.*= /, '')).sort()).toEqual([
    '100 %',
    '20 %',
    '5 %',
  ]);
});

test('a sweep link sets up the sweep (never runs it by itself); a hostile one is cut to the caps with notes', async ({ page }) => {
  await openApp(page);
  await openTab(page, 'Sweeps');
  await page.locator('section.sweep').getByLabel('Knob').selectOption('batchSize');
  await page.locator('section.sweep').getByLabel('Values').fill('16, 64');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-sweep-link').click();
  await expect(page.getByTestId('copy-sweep-link-status')).toContainText('this sweep set up');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('&sw=batchSize~16%2C64~1~0.9~accuracy');

  // A colleague opens it: the form holds the sweep, and nothing runs.
  const { search } = new URL(page.url());
  await page.goto(`/${search}${new URL(link).hash}`);
  await expect(page.getByTestId('link-notes')).toContainText('The link holds a sweep of Batch size over 2 values (2 runs)');
  const sweep = page.locator('section.sweep');
  await expect(sweep.getByLabel('Knob')).toHaveValue('batchSize');
  await expect(sweep.getByLabel('Values')).toHaveValue('16, 64');
  await expect(page.getByTestId('run-status')).toHaveText('idle');

  await page.goto(`/${search}${new URL(link).hash.replace(/&sw=.*/, '&sw=epochs~1..1000 x12~99~abc')}`);
  await expect(page.getByTestId('link-notes')).toContainText('with 3 seeds per value it makes 36, within the cap of 40');
  await expect(page.getByTestId('run-sweep')).toHaveText('Run sweep (36 runs)');
  await expect(page.getByTestId('run-status')).toHaveText('idle');
});

test('a random forest beside the network: a readout after a run, and a row of the model sweep', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Dataset').selectOption('sample:iris');
  await expect(page.getByTestId('csv-summary')).toContainText('150 rows');
  await page.getByLabel('Epochs').fill('3');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });

  await page.getByTestId('forest-button').click();
  const table = page.getByTestId('forest-table');
  await expect(table).toContainText('60 trees on 120 training samples');
  const accuracy = table.locator('tr', { hasText: 'accuracy' }).locator('td');
  expect(Number(await accuracy.nth(0).textContent())).toBeCloseTo(Number(await page.getByTestId('metric-val-accuracy').textContent()), 3);
  expect(Number(await accuracy.nth(1).textContent())).toBeGreaterThan(0.8);

  await openTab(page, 'Sweeps');
  const sweep = page.locator('section.sweep');
  await sweep.getByLabel('Knob').selectOption('model');
  await sweep.getByLabel('Values').fill('logistic, forest');
  await page.getByTestId('run-sweep').click();
  await expect(page.getByTestId('sweep-progress')).toContainText('Done: 2 runs.', { timeout: 60_000 });
  const rows = page.getByTestId('sweep-row');
  await expect(rows.nth(1).locator('th')).toHaveText('Random forest');
  await expect(rows.nth(1).locator('td').nth(1)).toHaveText('forest');
  expect(Number(await rows.nth(1).locator('td').nth(2).textContent())).toBeGreaterThan(0.8);
  const forestAccuracy = await rows.nth(1).locator('td').nth(2).textContent();

  // The forest is kept in the history with the network runs: after a reload the whole table is back.
  await page.reload();
  await expect(page.getByTestId('sweep-row')).toHaveCount(2);
  await expect(page.getByTestId('sweep-row').nth(1).locator('td').nth(2)).toHaveText(forestAccuracy!);
  await expect(page.getByTestId('sweep-progress')).toContainText('Done: 2 runs.');
});

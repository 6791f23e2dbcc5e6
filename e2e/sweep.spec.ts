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
  // Steps to target are read at batch resolution: with 1 to 8 steps an epoch here, validation is checked after every step.
  await expect(page.getByTestId('sweep-resolution')).toHaveText(
    'Steps to target: validation checked every step until the target, and at each epoch end.',
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
  await expect(page.getByTestId('sweep-resolution')).toContainText('every step until the target');
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

test('a long member is named with its time; stopped, it stays as a marked part-row; a software GPU says so', async ({ page }) => {
  await openApp(page, { maxTrain: 512, maxVal: 128 });
  await openTab(page, 'Sweeps');
  await page.getByLabel('Preset').selectOption('lenet');
  await page.getByTestId('backend-select').selectOption('webgl');
  const sweep = page.locator('section.sweep');
  await sweep.getByLabel('Knob').selectOption('epochs');
  await sweep.getByLabel('Values').fill('1, 300');
  await page.getByTestId('run-sweep').click();
  // The second member, 300 epochs of a CNN on software WebGL, is named with its time once its speed is measured.
  const long = page.getByTestId('sweep-long-member');
  await expect(long).toContainText(/^300 will take about \d+ (min|h)/, { timeout: 90_000 });
  await expect(long).toContainText('Stopping the sweep keeps what it trained as a part-row');
  await expect.poll(async () => Number(await page.getByTestId('epoch').textContent()), { timeout: 60_000 }).toBeGreaterThan(1);
  await page.getByTestId('stop-sweep').click();
  await expect(page.getByTestId('sweep-progress')).toContainText('kept as a part-row');

  const rows = page.getByTestId('sweep-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByTestId('part-run')).toContainText(/part-run: stopped after \d+ steps/);
  // Its speed was measured over what it trained.
  expect(Number((await rows.nth(1).locator('td').last().textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
  // On this machine WebGL is SwiftShader: the table says it computed on the CPU.
  await expect(rows.nth(0).locator('td').nth(1)).toContainText('webgl (software adapter: SwiftShader, on the CPU)');
  await expect(page.getByTestId('sweep-table').locator('caption')).toContainText('1 of 2 runs (and a part-run');
  await page.locator('section.sweep').screenshot({ path: 'test-results/sweep-part-run.png' });

  // After a reload the part-row is back, and Resume runs that member again.
  await page.reload();
  await expect(page.getByTestId('sweep-row')).toHaveCount(2);
  await expect(page.getByTestId('part-run')).toHaveCount(1);
  await expect(page.getByTestId('resume-sweep')).toBeVisible();
});

import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './test';
import { openApp, openTab } from './helpers';

async function trainToTheEnd(page: Page) {
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
}

test('runs are kept across a reload, can be compared, renamed, exported, reopened and deleted', async ({ page }) => {
  await openApp(page, { maxTrain: 256, maxVal: 128 });
  await openTab(page, 'Run history');
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('2');
  await trainToTheEnd(page);
  await expect(page.getByTestId('history-run-1')).toBeVisible();

  // The instructor's "before and after dropout".
  await page.getByLabel('New layer kind').selectOption('dropout');
  await page.getByRole('button', { name: 'Add layer' }).click();
  await page.getByLabel('Layer 4 rate').fill('0.5');
  await trainToTheEnd(page);
  await expect(page.getByTestId('history-run-2')).toBeVisible();

  // Ticked newest first: the oldest is still the baseline.
  await page.getByLabel('Compare Run 2').check();
  await page.getByLabel('Compare Run 1').check();
  const legend = page.getByTestId('compare-legend');
  await expect(legend).toContainText('Run 1 (baseline)');
  await expect(legend).toContainText('Run 2: + dropout(0.5)');
  await expect(page.getByTestId('compare-validation-loss').locator('.recharts-line')).toHaveCount(2);

  await page.getByRole('button', { name: 'Rename Run 1' }).click();
  await page.getByLabel('New name for Run 1').fill('no dropout');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(legend).toContainText('no dropout (baseline)');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Run 2 as CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toMatch(/^epoch,step,train_loss,train_accuracy,.*val_f1$/);
  expect(lines).toHaveLength(3);
  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Run 2 as JSON' }).click();
  const record = JSON.parse(await readFile(await (await json).path(), 'utf8'));
  expect(record.config.layers).toContainEqual({ kind: 'dropout', rate: 0.5 });
  expect(record.epochs).toHaveLength(2);

  await page.reload();
  await expect(page.getByTestId('history-run-1')).toContainText('no dropout');
  await expect(page.getByTestId('history-run-2')).toContainText('Run 2');

  // Its link reopens the experiment: the dropout layer comes back.
  await page.getByLabel('Preset').selectOption('logistic');
  await page.getByRole('link', { name: 'Open the experiment of Run 2' }).click();
  await expect(page.getByLabel('Layer 4 rate')).toHaveValue('0.5');

  await page.getByRole('button', { name: 'Delete Run 2' }).click();
  await expect(page.getByTestId('history-run-2')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('history-run-1')).toBeVisible();
  await expect(page.getByTestId('history-run-2')).toHaveCount(0);
});

test('a run is kept while it trains, and after a reload it shows as interrupted, with its curves', async ({ page }) => {
  await openApp(page, { maxTrain: 64, maxVal: 32 });
  await openTab(page, 'Run history');
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('500');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByTestId('train-button').click();
  const row = page.getByTestId('history-run-1');
  await expect(row).toContainText('training…', { timeout: 60_000 });
  await expect.poll(async () => Number(await page.getByTestId('epoch').textContent()), { timeout: 60_000 }).toBeGreaterThan(2);
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(row).toContainText('interrupted');
  // Its scores and curves were kept up to the last save.
  await expect(row.getByTestId('history-scores')).toContainText(/accuracy \d\.\d{3}/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Run 1 as CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  expect(csv.trim().split('\n').length).toBeGreaterThan(2);
});

test('an interrupted run resumes from its checkpoint and draws the curve the uninterrupted run drew', async ({ page }) => {
  await openApp(page, { maxTrain: 64, maxVal: 32 });
  await openTab(page, 'Run history');
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('60');
  await page.getByTestId('backend-select').selectOption('cpu');
  const epochsOf = async (name: string) => {
    const json = page.waitForEvent('download');
    await page.getByRole('button', { name: `Export ${name} as JSON` }).click();
    return JSON.parse(await readFile(await (await json).path(), 'utf8')).epochs as { epoch: number; validation: { loss: number } }[];
  };
  // The reference: the same seeded run, uninterrupted (60 epochs at the watching pace, about 4 s).
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('history-run-1')).toContainText('done');
  const whole = await epochsOf('Run 1');
  expect(whole).toHaveLength(60);

  // Again, cut off by a reload part-way.
  await page.getByTestId('train-button').click();
  await expect.poll(async () => Number(await page.getByTestId('epoch').textContent()), { timeout: 60_000 }).toBeGreaterThan(15);
  await page.reload();
  const row = page.getByTestId('history-run-2');
  await expect(row).toContainText('interrupted');
  const resume = row.getByTestId('history-resume');
  await expect(resume).toHaveText(/^Resume from epoch \d+$/);
  await page.getByTestId('history-run-2').screenshot({ path: 'test-results/history-resume.png' });
  const from = Number((await resume.textContent())!.match(/\d+/)![0]);
  expect(from).toBeGreaterThan(5);
  await resume.click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(row).toContainText('done');
  await expect(page.getByTestId('history-run-3')).toHaveCount(0);
  const resumed = await epochsOf('Run 2');
  // Every epoch once, and the very numbers of the run that was never cut off.
  expect(resumed.map((p) => p.epoch)).toEqual(whole.map((p) => p.epoch));
  expect(resumed.map((p) => p.validation.loss)).toEqual(whole.map((p) => p.validation.loss));
  await expect(row.getByTestId('history-resume')).toHaveCount(0);
});

test('a second tab leaves the first tab’s live run alone, and runs of two tabs get their own names', async ({ page, context }) => {
  await openApp(page, { maxTrain: 64, maxVal: 32 });
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('2000');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByTestId('train-button').click();
  await expect.poll(async () => Number(await page.getByTestId('epoch').textContent()), { timeout: 60_000 }).toBeGreaterThan(2);

  const second = await context.newPage();
  await openApp(second, { maxTrain: 64, maxVal: 32 });
  await openTab(second, 'Run history');
  // The first tab still trains it: not "interrupted", and its record is not rewritten.
  await expect(second.getByTestId('history-run-1')).toContainText('training… (in another tab');
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped');
  await second.reload();
  await openTab(second, 'Run history');
  await expect(second.getByTestId('history-run-1')).toContainText('stopped');

  // A run of the second tab is numbered by the store, after the first tab's.
  await second.getByLabel('Epochs').fill('1');
  await second.getByTestId('train-button').click();
  await expect(second.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(second.getByTestId('history-run-2')).toContainText('Run 2');
  await openTab(page, 'Run history');
  await page.reload();
  await openTab(page, 'Run history');
  await expect(page.getByTestId('history-run-1')).toContainText('Run 1');
  await expect(page.getByTestId('history-run-2')).toContainText('Run 2');
});

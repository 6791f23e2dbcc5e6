import { expect, test } from './test';
import { openApp, openTab } from './helpers';

test('concept drift drops a trained circle’s accuracy, and retraining from its weights recovers it', async ({ page }) => {
  await page.goto(
    '/#v=1&ds=synthetic&syn=circle&noise=0.05&n=400&vs=0.5&feat=x1,x2&m=dense(8_tanh)~dense(8_tanh)&opt=adam&lr=0.03&bs=10&ep=40&pace=max&be=cpu',
  );
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  const trained = Number(await page.getByTestId('metric-val-accuracy').textContent());
  expect(trained).toBeGreaterThan(0.9);
  // Shift the whole plane by half its width: the ring the model learned is no longer where the points are.
  await page.getByLabel('How the data moves').selectOption('shift');
  await page.getByLabel('Drift amount').fill('1');
  await page.getByTestId('score-drifted').click();
  const reading = page.getByTestId('drift-reading');
  await expect(reading).toContainText('on the drifted data', { timeout: 60_000 });
  await expect(page).toHaveURL(/dfon=1/);
  const [before, after] = ((await reading.textContent()) ?? '').match(/\d\.\d{3}/g)!.map(Number);
  expect(before).toBeCloseTo(trained, 2);
  expect(after).toBeLessThan(before - 0.15);
  await page.getByTestId('retrain-drifted').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(reading).toContainText('after retraining on the new data from its weights');
  // The drifted score stays on show beside the recovery.
  await expect(reading).toContainText(`${after.toFixed(3)} on the drifted data`);
  const recovered = Number(((await reading.textContent()) ?? '').match(/\d\.\d{3}/g)!.at(-1));
  expect(recovered).toBeGreaterThan(after + 0.15);
  await page.getByRole('region', { name: 'Concept drift' }).screenshot({ path: 'test-results/drift-panel.png' });
  await page.getByTestId('decision-boundary').screenshot({ path: 'test-results/drift-boundary.png' });
});

test('a CSV drifts by its date column: trained on 2012-13, scored on 2014-15 (the reading says which way it moved), retrained', async ({
  page,
}) => {
  await openApp(page, { maxTrain: 100_000, maxVal: 100_000 });
  await page.getByLabel('Dataset').selectOption('sample:seattle-weather');
  await expect(page.getByTestId('dataset-active')).toContainText('seattle-weather');
  const lab = page.getByRole('region', { name: 'Concept drift' });
  // Options carry the column's index and show its (clipped) name and type.
  const column = lab.getByLabel('Drift by column');
  const dateOption = column.locator('option', { hasText: /^date \(/ });
  await column.selectOption((await dateOption.getAttribute('value'))!);
  await expect(page).toHaveURL(/dfc=date/);
  await expect(lab.getByText('Later rows: the last 50 % by date')).toBeVisible();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  // 1,461 days: the first 730 train and validate (80 % / 20 %), the last 731 are held out.
  await expect(page.getByText(/^584 training \/ 146 validation samples/)).toBeVisible();
  await page.getByTestId('score-drifted').click();
  const reading = lab.getByTestId('drift-reading');
  await expect(reading).toContainText('on the drifted data', { timeout: 60_000 });
  const [before, after] = ((await reading.textContent()) ?? '').match(/\d\.\d{3}/g)!.map(Number);
  console.log(`seattle-weather by date: ${before} on 2012-13, ${after} on 2014-15`);
  // The later years have fewer drizzly and snowy days, the hardest to tell: here the drift makes accuracy rise, and the reading says so.
  expect(after).not.toBe(before);
  await expect(reading).toContainText(after < before ? 'a drop of' : 'a rise of');
  await page.getByTestId('retrain-drifted').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(reading).toContainText('after retraining on the new data from its weights');
  const recovered = Number(((await reading.textContent()) ?? '').match(/\d\.\d{3}/g)!.at(-1));
  console.log(`seattle-weather retrained on 2014-15: ${recovered}`);
  expect(recovered).toBeGreaterThanOrEqual(after - 0.02);
  await lab.screenshot({ path: 'test-results/drift-csv-panel.png' });
});

test('the sweep’s drift knob: a circle trained once loses accuracy as its validation points drift further', async ({ page }) => {
  await page.goto(
    '/#v=1&ds=synthetic&syn=circle&noise=0.05&n=400&vs=0.5&feat=x1,x2&m=dense(8_tanh)~dense(8_tanh)&opt=adam&lr=0.03&bs=10&ep=30&pace=max&be=cpu&dft=shift',
  );
  await openTab(page, 'Sweeps');
  const sweep = page.locator('section.sweep');
  await sweep.getByLabel('Knob').selectOption('driftAmount');
  await sweep.getByLabel('Values').fill('0, 0.5, 1');
  await page.getByTestId('run-sweep').click();
  await expect(page.getByTestId('sweep-progress')).toContainText('Done: 3 runs.', { timeout: 90_000 });
  const rows = page.getByTestId('sweep-row');
  const accuracy = async (k: number) => Number(await rows.nth(k).locator('td').nth(2).textContent());
  const [none, half, full] = [await accuracy(0), await accuracy(1), await accuracy(2)];
  console.log(`drift knob: ${none} at 0, ${half} at 0.5, ${full} at 1`);
  expect(none).toBeGreaterThan(0.9);
  expect(full).toBeLessThan(none - 0.15);
  await expect(page.getByTestId('sweep-reading')).toContainText('it decays as the data moves');
});

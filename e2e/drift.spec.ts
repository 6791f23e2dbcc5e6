import { expect, test } from './test';

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

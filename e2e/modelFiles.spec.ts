import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { expect, test } from './test';
import { openApp, readNumber } from './helpers';

test('download the trained model, open it again and continue training from its weights; a mismatched model is refused', async ({ page }) => {
  await openApp(page, { maxTrain: 512, maxVal: 128 });
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('3');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  const trainedLoss = await readNumber(page, 'metric-loss');

  const download = page.waitForEvent('download');
  await page.getByTestId('download-model').click();
  const zipPath = await (await download).path();
  const files = unzipSync(new Uint8Array(await readFile(zipPath)));
  expect(Object.keys(files).sort()).toEqual(['experiment.json', 'model.json', 'weights.bin']);
  const modelJson = JSON.parse(new TextDecoder().decode(files['model.json']));
  expect(modelJson.format).toBe('layers-model');
  expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);

  // A fresh model's first batch, for comparison.
  await page.getByTestId('reset-button').click();
  await page.getByTestId('step-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 60_000 });
  const freshLoss = await readNumber(page, 'metric-loss');
  await page.getByTestId('stop-button').click();

  // Opened again, the next run starts from the saved weights.
  await page.getByTestId('reset-button').click();
  await page.getByLabel(/Open model files/).setInputFiles(zipPath);
  await expect(page.getByTestId('opened-model')).toContainText('Opened a model trained on MNIST sample (epoch 3');
  await page.getByTestId('step-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 60_000 });
  const continuedLoss = await readNumber(page, 'metric-loss');
  console.log(`first-batch loss: fresh ${freshLoss.toFixed(3)}, from the opened model ${continuedLoss.toFixed(3)} (trained ${trainedLoss.toFixed(3)})`);
  expect(continuedLoss).toBeLessThan(freshLoss - 0.3);
  await page.getByTestId('stop-button').click();

  // Files that do not fit the current data are refused, and the current model stays.
  await page.getByTestId('reset-button').click();
  await page.getByLabel('Dataset').selectOption('sample:iris');
  await expect(page.getByTestId('csv-summary')).toContainText('150 rows');
  await page.getByLabel(/Open model files/).setInputFiles(zipPath);
  await expect(page.getByTestId('open-model-error')).toContainText('input of shape [28, 28, 1]');
  await expect(page.getByTestId('open-model-error')).toContainText('The current model stays.');
  await expect(page.getByTestId('layer-1')).toContainText('flatten');
});

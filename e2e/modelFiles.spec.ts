import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { gzipSync } from 'node:zlib';
import { idxFiles } from './fixtures';
import { expect, test } from './test';
import { openApp, readNumber } from './helpers';

test('download the trained model, open it again and continue training from its weights; a mismatched model is refused', async ({
  page,
}) => {
  await openApp(page, { maxTrain: 512, maxVal: 128 });
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('3');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  const trainedLoss = await readNumber(page, 'metric-loss');
  const trainedAccuracy = await readNumber(page, 'metric-val-accuracy');

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
  await expect(page.getByTestId('opened-model')).toContainText('Starts from an opened model, trained on MNIST sample (epoch 3');
  await page.getByTestId('step-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 60_000 });
  const continuedLoss = await readNumber(page, 'metric-loss');
  console.log(
    `first-batch loss: fresh ${freshLoss.toFixed(3)}, from the opened model ${continuedLoss.toFixed(3)} (trained ${trainedLoss.toFixed(3)})`,
  );
  expect(continuedLoss).toBeLessThan(freshLoss - 0.3);
  await page.getByTestId('stop-button').click();

  // Opened and evaluated without training: the same validation accuracy as the run that saved it, and the insight views show it.
  await page.getByTestId('reset-button').click();
  await page.getByLabel(/Open model files/).setInputFiles(zipPath);
  await page.getByTestId('evaluate-opened').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('epoch')).toHaveText('0');
  expect(Math.abs((await readNumber(page, 'metric-val-accuracy')) - trainedAccuracy)).toBeLessThan(0.01);
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  await page.screenshot({ path: 'test-results/opened-evaluated.png', fullPage: true });

  // Files that do not fit the current data are refused, and the current model stays.
  await page.getByTestId('reset-button').click();
  await page.getByLabel('Dataset').selectOption('sample:iris');
  await expect(page.getByTestId('csv-summary')).toContainText('150 rows');
  await page.getByLabel(/Open model files/).setInputFiles(zipPath);
  await expect(page.getByTestId('open-model-error')).toContainText('input of shape [28, 28, 1]');
  await expect(page.getByTestId('open-model-error')).toContainText('The current model stays.');
  // The model fitted to iris (two dense layers of 16) stays.
  await expect(page.getByTestId('layer-1')).toContainText('dense');
  await expect(page.getByTestId('total-params')).toHaveText('403');
});

test('Export as Python downloads a Keras project with the files listed: train.py, the model, and the CSV with its fitted encodings', async ({
  page,
}) => {
  await openApp(page);
  await page.getByLabel('Dataset').selectOption('sample:iris');
  await expect(page.getByTestId('csv-summary')).toContainText('150 rows');
  await page.getByLabel('Epochs').fill('2');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });

  const download = page.waitForEvent('download');
  await page.getByTestId('export-python').click();
  const zipPath = await (await download).path();
  const files = unzipSync(new Uint8Array(await readFile(zipPath)));
  const names = [
    'train.py',
    'requirements.txt',
    'requirements-cpu.txt',
    'README.md',
    'model.json',
    'weights.bin',
    'experiment.json',
    'data.csv',
  ];
  expect(Object.keys(files).sort()).toEqual(names.map((name) => `keras-project/${name}`).sort());
  await expect(page.getByTestId('saved-files')).toContainText(`keras-project-epoch-2.zip: ${names.join(', ')}`);

  const text = (name: string) => new TextDecoder().decode(files[`keras-project/${name}`]);
  const train = text('train.py');
  expect(train).toContain("'classes': ['setosa', 'versicolor', 'virginica']");
  expect(train).toContain("'kind': 'csv'");
  expect(train).toContain('def build_model():');
  const experiment = JSON.parse(text('experiment.json'));
  expect(experiment.preprocessing.target).toBe('species');
  expect(experiment.preprocessing.features.map((f: { name: string }) => f.name)).toContain('sepal_length');
  const csv = text('data.csv').split('\n');
  expect(csv[0]).toContain('__split__');
  expect(csv.length).toBe(151);

  // With the Python check's virtualenv at hand, the browser's own project runs: its weights give the page's validation scores.
  const python = join(process.cwd(), '.venv', 'bin', 'python');
  if (!existsSync(python)) return console.log('Skipped running train.py: no .venv (scripts/python-env.mjs makes it).');
  const folder = mkdtempSync(join(tmpdir(), 'keras-project-'));
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), bytes);
  }
  const run = spawnSync(python, [join(folder, 'keras-project', 'train.py'), '--epochs', '1'], { encoding: 'utf8', timeout: 90_000 });
  expect(run.status, run.stderr.slice(-2000)).toBe(0);
  const browserScores = run.stdout.split("Validation with the browser's weights:")[1].split('Epoch')[0];
  const accuracy = Number(/accuracy\s+(\S+)/.exec(browserScores)?.[1]);
  console.log(
    `train.py on the browser's weights: validation accuracy ${accuracy}; the page showed ${await page.getByTestId('metric-val-accuracy').textContent()}`,
  );
  expect(Math.abs(accuracy - (await readNumber(page, 'metric-val-accuracy')))).toBeLessThan(0.01);
});

test('zip and gzip bombs are refused while inflating, off the page’s thread, and the page stays responsive', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const longest = () => page.evaluate(() => (window as unknown as { longest: number }).longest);
  // 256 MiB of weights in a zip of a few hundred KB: more than any model this app writes.
  const bomb = Buffer.from(
    zipSync({ 'model.json': new TextEncoder().encode('{}'), 'weights.bin': new Uint8Array(256 * 2 ** 20) }, { level: 9 }),
  );
  await page.getByLabel(/Open model files/).setInputFiles({ name: 'bomb.zip', mimeType: 'application/zip', buffer: bomb });
  await expect(page.getByTestId('open-model-error')).toContainText('weights.bin inflates to more than');
  const zipTask = await longest();
  // 600 MiB of "images" in a gzipped IDX file of well under 1 MB.
  const images = Buffer.alloc(600 * 2 ** 20);
  images.writeUInt32BE(0x0803, 0);
  images.writeUInt32BE(1000, 4);
  const gz = gzipSync(images, { level: 9 });
  await page.getByText('Use your own IDX files').click();
  await page.getByLabel(/IDX files/).setInputFiles([
    { name: 'bomb-images-idx3-ubyte.gz', mimeType: 'application/gzip', buffer: gz },
    { name: 'bomb-labels-idx1-ubyte.gz', mimeType: 'application/gzip', buffer: idxFiles(10).labels },
  ]);
  await expect(page.getByTestId('data-error')).toContainText('bomb-images-idx3-ubyte.gz inflates to more than 512 MiB');
  await expect(page.getByTestId('dataset-active')).toContainText('MNIST sample');
  console.log(
    `bombs: zip ${(bomb.length / 1024).toFixed(0)} KB -> refused, longest main-thread task ${zipTask.toFixed(0)} ms; gzip IDX ${(gz.length / 1024).toFixed(0)} KB -> refused, longest task ${(await longest()).toFixed(0)} ms`,
  );
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

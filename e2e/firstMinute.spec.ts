// The first minute of a learner's session: Train starts at once after any
// change, sample data trains to a sensible score on its own defaults, and
// the 2-D sets run at a pace to watch, until stopped, as TensorFlow Playground's do.
import { expect, test, type Page } from './test';
import { openApp, readNumber, stopRun } from './helpers';

/** Milliseconds from the Train click to the first step on the page. */
async function timeToFirstStep(page: Page): Promise<number> {
  const clicked = Date.now();
  await page.getByTestId('train-button').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=step]')?.textContent) >= 1, null, { timeout: 60_000 });
  return Date.now() - clicked;
}

test('the first step comes within 2 s of Train right after the data and the model changed', async ({ page }) => {
  await openApp(page, { maxTrain: 100_000, maxVal: 100_000 });
  // A 2-D set: before, Train waited 9-18 s here for the backend measurement the data change set off.
  await page.getByLabel('Dataset').selectOption('synthetic');
  const planar = await timeToFirstStep(page);
  await stopRun(page);
  // Back to images, and a different model, then Train at once.
  await page.getByLabel('Dataset').selectOption('mnist-sample');
  await page.getByLabel('Preset').selectOption('mlp');
  const images = await timeToFirstStep(page);
  await stopRun(page);
  console.log(`first step after a data change: 2-D ${planar} ms, MNIST MLP ${images} ms`);
  expect(planar).toBeLessThan(2_000);
  expect(images).toBeLessThan(2_000);
});

const SAMPLES: { name: string; score: string; atLeast: number }[] = [
  { name: 'iris', score: 'metric-val-accuracy', atLeast: 0.9 },
  { name: 'penguins', score: 'metric-val-accuracy', atLeast: 0.9 },
  { name: 'cars', score: 'metric-val-r2', atLeast: 0.6 },
  { name: 'seattle-weather', score: 'metric-val-accuracy', atLeast: 0.75 },
];

test('every sample CSV reaches a sensible score on the defaults it is given, within 10 s', async ({ page }) => {
  await openApp(page, { maxTrain: 100_000, maxVal: 100_000 });
  for (const { name, score, atLeast } of SAMPLES) {
    await page.getByLabel('Dataset').selectOption(`sample:${name}`);
    await expect(page.getByTestId('dataset-active')).toContainText(name);
    // A line says what was chosen for this data, and why.
    await expect(page.getByTestId('data-notice')).toContainText('Fitted to');
    const started = Date.now();
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 30_000 });
    const seconds = (Date.now() - started) / 1000;
    const value = await readNumber(page, score);
    console.log(`${name}: ${score} ${value} in ${seconds.toFixed(1)} s on ${await page.getByTestId('backend').textContent()}`);
    expect(value).toBeGreaterThanOrEqual(atLeast);
    expect(seconds).toBeLessThan(10);
  }
});

test('the spiral recipe reaches 0.9 validation accuracy at the defaults a learner sees, at the watching pace', async ({ page }) => {
  await openApp(page, { maxTrain: 100_000, maxVal: 100_000 });
  await page.getByLabel('Dataset').selectOption('synthetic');
  await page.getByLabel('Synthetic set').selectOption('spiral');
  await page.getByTestId('spiral-recipe').click();
  // Nothing else is touched: the noise, the pace and "until stopped" are the page's defaults.
  await expect(page.getByTestId('pace-select')).toHaveValue('watch');
  await expect(page.getByLabel('Train until stopped')).toBeChecked();
  const started = Date.now();
  await page.getByTestId('train-button').click();
  await expect.poll(() => readNumber(page, 'metric-val-accuracy'), { timeout: 90_000 }).toBeGreaterThanOrEqual(0.9);
  const epoch = await readNumber(page, 'epoch');
  const seconds = (Date.now() - started) / 1000;
  console.log(`spiral at the defaults: 0.9 at epoch ${epoch}, ${seconds.toFixed(1)} s after Train`);
  // Watching: about 15 epochs a second, so a learner sees it happen (before, 1,000 a second).
  expect(epoch / seconds).toBeLessThan(25);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await stopRun(page);
});

test("the speed control changes a running 2-D run's pace, and the run goes on until stopped", async ({ page }) => {
  await openApp(page, { maxTrain: 100_000, maxVal: 100_000 });
  await page.getByLabel('Dataset').selectOption('synthetic');
  await page.getByTestId('train-button').click();
  await expect.poll(() => readNumber(page, 'epoch')).toBeGreaterThan(2);
  const rate = async () => {
    const [e0, t0] = [await readNumber(page, 'epoch'), Date.now()];
    await page.waitForTimeout(2_000);
    return ((await readNumber(page, 'epoch')) - e0) / ((Date.now() - t0) / 1000);
  };
  const watching = await rate();
  await page.getByTestId('pace-select').selectOption('max');
  const unpaced = await rate();
  console.log(`2-D epochs per second: watch ${watching.toFixed(1)}, as fast as it goes ${unpaced.toFixed(1)}`);
  expect(watching).toBeLessThan(25);
  expect(unpaced).toBeGreaterThan(watching * 3);
  // The link keeps the pace.
  expect(page.url()).toContain('pace=max');
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await stopRun(page);
});

test('Show overfitting opens the gap within 20 s on auto; the cure is drawn over the first run, and both are links', async ({ page }) => {
  await openApp(page, { maxTrain: 100_000, maxVal: 100_000 });
  const started = Date.now();
  await page.getByTestId('show-overfitting').click();
  const gap = async () =>
    Number(
      (await page
        .getByTestId('demo-gap')
        .getAttribute('data-gap')
        .catch(() => null)) ?? 0,
    );
  await expect.poll(gap, { timeout: 20_000, intervals: [250] }).toBeGreaterThan(0.15);
  console.log(
    `overfitting demo: gap ${(await gap()).toFixed(2)} after ${((Date.now() - started) / 1000).toFixed(1)} s on ${await page.getByTestId('backend').textContent()}`,
  );
  await expect(page.getByTestId('demo-gap')).toContainText('peeled away');
  // The demo is an experiment like any other: its link holds it.
  expect(page.url()).toMatch(/tf=0\.02/);
  expect(page.url()).toMatch(/ln=0\.2/);
  await stopRun(page);
  await page.getByTestId('cure-overfitting').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  // The first run is drawn in grey beneath the cure, and the gap stays smaller.
  await expect(page.getByTestId('loss-chart')).toContainText('before the cure');
  await expect(page.getByTestId('demo-gap')).toContainText('Before the cure the gap reached');
  const cured = await gap();
  const before = Number((await page.getByTestId('demo-gap').textContent())!.match(/reached (-?\d+\.\d+)/)![1]);
  console.log(`cured gap ${cured.toFixed(2)} against ${before.toFixed(2)} before`);
  expect(cured).toBeLessThan(before);
  expect(page.url()).toMatch(/dropout\(0\.5\)/);
  expect(page.url()).toMatch(/es=1/);
  await page.getByTestId('loss-chart').screenshot({ path: 'test-results/demo-cured.png' });
});

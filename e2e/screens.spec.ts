// What a newcomer sees first, on a laptop, a projector and a phone, for
// images, a 2-D set and a CSV: screenshots to judge (test-results/screen-*.png)
// and the first-screen contents checked box by box.
import { expect, test, type Page } from './test';
import { openApp } from './helpers';

type Data = 'mnist' | 'plane' | 'csv';

async function pick(page: Page, data: Data): Promise<void> {
  if (data === 'plane') {
    await page.getByLabel('Dataset').selectOption('synthetic');
    await page.getByLabel('Synthetic set').selectOption('spiral');
    await page.getByTestId('spiral-recipe').click();
  }
  if (data === 'csv') {
    await page.getByLabel('Dataset').selectOption('sample:iris');
    await expect(page.getByTestId('dataset-active')).toContainText('iris');
  }
}

/** Trains a little, so the charts and the output have something on them. */
async function trainAWhile(page: Page, data: Data): Promise<void> {
  await page.getByTestId('train-button').click();
  if (data === 'plane') await expect(page.getByTestId('decision-boundary')).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => Number(await page.getByTestId('epoch').textContent()), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  // A short run may end by itself between the check and the click.
  if (await page.getByTestId('stop-button').isEnabled())
    await page
      .getByTestId('stop-button')
      .click({ timeout: 2_000 })
      .catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The element's box lies within the first `screens` screens of the page (scrolled to the top), and within its width. */
async function onScreen(page: Page, testIdOrRole: ReturnType<Page['getByTestId']>, screens = 1): Promise<void> {
  const box = (await testIdOrRole.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box, 'the element is rendered').not.toBeNull();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 1);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height * screens + 1);
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const data of ['mnist', 'plane', 'csv'] as const) {
  test(`one screen on a 1440x900 laptop (${data}): run bar, data, network, output and the live charts`, async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openApp(page, { maxTrain: 1024, maxVal: 256 });
    await pick(page, data);
    await trainAWhile(page, data);
    await page.screenshot({ path: `test-results/screen-${data}-laptop.png` });
    await onScreen(page, page.getByTestId('train-button'));
    await onScreen(page, page.getByLabel('Dataset'));
    await onScreen(page, page.getByTestId('network'));
    await onScreen(page, page.getByTestId('metric-val-accuracy'));
    await onScreen(page, page.getByTestId('loss-chart'));
    await onScreen(page, page.locator('figure', { hasText: 'Accuracy and F1 per epoch' }));
    if (data === 'plane') {
      await onScreen(page, page.getByTestId('boundary-surface'));
      expect((await page.getByTestId('boundary-surface').boundingBox())!.width).toBeGreaterThanOrEqual(480);
    }
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  });

  test(`classroom mode on a 1280x720 projector (${data}): the output and a chart above the fold, labels of 18 px`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, { maxTrain: 1024, maxVal: 256 });
    await pick(page, data);
    await page.getByRole('button', { name: 'Classroom mode off' }).click();
    await trainAWhile(page, data);
    await page.screenshot({ path: `test-results/screen-${data}-projector.png` });
    if (data === 'plane') await onScreen(page, page.getByTestId('boundary-surface'));
    else await onScreen(page, page.getByTestId('metric-val-accuracy'));
    // The loss chart's plot, axes and curves (its legend may run below the fold).
    await onScreen(page, page.getByTestId('loss-chart').locator('svg.recharts-surface').first());
    const sizes = await page
      .locator('.readouts dt, .chart figcaption, .chart-legend')
      .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
  });

  test(`on a 390x844 phone (${data}): Train, the output and the loss chart in the first two screens, nothing sideways`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, { maxTrain: 1024, maxVal: 256 });
    await pick(page, data);
    await trainAWhile(page, data);
    await page.screenshot({ path: `test-results/screen-${data}-phone.png` });
    await onScreen(page, page.getByTestId('train-button'));
    if (data === 'plane') await onScreen(page, page.getByTestId('boundary-surface'), 2);
    await onScreen(page, page.getByTestId('loss-chart'), 2);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  });
}

test('after a sweep nothing scrolls sideways, at 1440 and at 390: the table scrolls in its own box', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, { maxTrain: 128, maxVal: 64 });
  await page.getByLabel('Epochs').fill('1');
  await page.getByRole('tab', { name: 'Sweeps' }).click();
  const sweep = page.locator('section.sweep');
  await sweep.getByLabel('Knob').selectOption('batchSize');
  await sweep.getByLabel('Values').fill('16, 32, 64');
  await page.getByTestId('run-sweep').click();
  await expect(page.getByTestId('sweep-progress')).toContainText('Done', { timeout: 120_000 });
  await expect(page.getByTestId('sweep-row')).toHaveCount(3);
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
});

test('classroom mode on a projector: nothing moves as the counts grow past step 1,000 and epoch 100', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, { maxTrain: 1024, maxVal: 256 });
  await pick(page, 'plane');
  await page.getByRole('button', { name: 'Classroom mode off' }).click();
  await page.getByTestId('train-button').click();
  const plot = page.getByTestId('loss-chart').locator('svg.recharts-surface').first();
  const tops = async () => [
    (await plot.boundingBox())!.y,
    (await page.getByTestId('boundary-surface').boundingBox())!.y,
    (await page.getByTestId('network').boundingBox())!.y,
  ];
  await expect.poll(async () => Number(await page.getByTestId('epoch').textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const early = await tops();
  await expect.poll(async () => Number(await page.getByTestId('epoch').textContent()), { timeout: 90_000 }).toBeGreaterThanOrEqual(100);
  expect(await tops()).toEqual(early);
  await onScreen(page, plot);
  await page.getByTestId('stop-button').click();
});

test('the CNN network picture, and the desktop view after a short run', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, { maxTrain: 256, maxVal: 128 });
  await page.getByLabel('Epochs').fill('2');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  await expect(page.getByTestId('network')).not.toHaveAttribute('data-epoch', '0');
  await page.screenshot({ path: 'test-results/desktop.png' });
  await page.getByTestId('network').screenshot({ path: 'test-results/network-cnn.png' });
});

test('hiding the data, model and settings panels gives their column to the network instead of leaving it empty', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?e2e.maxTrain=256&e2e.maxVal=128#v=1&hide=data,model,settings');
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await expect(page.getByRole('complementary', { name: 'Data, training settings and model' })).toHaveCount(0);
  const network = (await page.getByTestId('network').boundingBox())!;
  expect(network.x).toBeLessThan(60);
  await onScreen(page, page.getByTestId('loss-chart'));
});

import { expect, test, type BrowserContext } from './test';
import { idxFiles, spriteFiles } from './fixtures';
import { openApp, readNumber } from './helpers';

const SPRITE = '**/learnjs-data/model-builder/mnist_images.png';
const LABELS = '**/learnjs-data/model-builder/mnist_labels_uint8';

/** Serves small files in the public example format instead of the real 65,000 images. */
async function serveSprite(context: BrowserContext, count: number, delayMs = 0): Promise<{ requests: number }> {
  const files = spriteFiles(count);
  const seen = { requests: 0 };
  const headers = { 'access-control-allow-origin': '*' };
  await context.route(SPRITE, async (route) => {
    seen.requests++;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return route.fulfill({
      body: files.images,
      contentType: 'image/png',
      headers: { ...headers, 'content-length': String(files.images.length) },
    });
  });
  await context.route(LABELS, (route) => route.fulfill({ body: files.labels, contentType: 'application/octet-stream', headers }));
  return seen;
}

test('full MNIST downloads with progress, trains, and comes from the cache next time, offline', async ({ page, context }) => {
  const served = await serveSprite(context, 200, 1500);
  await openApp(page, { maxTrain: 160, maxVal: 40 });
  await page.getByLabel('Dataset').selectOption('mnist');
  await expect(page.getByTestId('load-progress')).toContainText('MNIST');
  await expect(page.getByTestId('dataset-active')).toContainText('MNIST (65,000 digits)', { timeout: 30_000 });
  expect(served.requests).toBe(1);
  await page.getByLabel('Batch size').fill('32');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  await expect(page.getByText('160 training / 40 validation samples')).toBeVisible();
  expect(await readNumber(page, 'metric-val-accuracy')).toBeGreaterThanOrEqual(0);

  // Offline now: every request to the public address fails, yet the cached copy loads.
  await context.unroute(SPRITE);
  await context.unroute(LABELS);
  await context.route('**/learnjs-data/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(page.getByTestId('dataset-active')).toContainText('MNIST (65,000 digits)', { timeout: 30_000 });
  await expect(page.getByTestId('data-error')).toHaveCount(0);
});

test('a failed download says why and leaves the current dataset in place', async ({ page, context }) => {
  await context.route('**/learnjs-data/**', (route) =>
    route.fulfill({ status: 404, body: 'not here', headers: { 'access-control-allow-origin': '*' } }),
  );
  await openApp(page);
  await page.getByLabel('Dataset').selectOption('fashion-mnist');
  await expect(page.getByTestId('data-error')).toContainText('the server answered 404');
  await expect(page.getByTestId('dataset-active')).toContainText('MNIST sample');
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('original IDX files can be uploaded and trained on', async ({ page }) => {
  await openApp(page, { maxTrain: 80, maxVal: 20 });
  const files = idxFiles(100);
  await page.getByText('Use your own IDX files').click();
  await page.getByLabel(/IDX files/).setInputFiles([
    { name: 'digits-images-idx3-ubyte.gz', mimeType: 'application/gzip', buffer: files.images },
    { name: 'digits-labels-idx1-ubyte.gz', mimeType: 'application/gzip', buffer: files.labels },
  ]);
  await expect(page.getByTestId('dataset-active')).toContainText('digits-images-idx3-ubyte.gz');
  await expect(page.getByTestId('not-shareable')).toContainText('IDX');
  await page.getByLabel('Epochs').fill('1');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  await expect(page.getByText('80 training / 20 validation samples')).toBeVisible();
});

test('IDX files with no images or a single class are refused at load, and the data in use stays', async ({ page }) => {
  await openApp(page, { maxTrain: 80, maxVal: 20 });
  await page.getByText('Use your own IDX files').click();
  for (const [files, message] of [
    [idxFiles(0), 'holds 0 images'],
    [idxFiles(50, 3), 'Every label in the label file is 3'],
  ] as const) {
    await page.getByLabel(/IDX files/).setInputFiles([
      { name: 'x-images-idx3-ubyte.gz', mimeType: 'application/gzip', buffer: files.images },
      { name: 'x-labels-idx1-ubyte.gz', mimeType: 'application/gzip', buffer: files.labels },
    ]);
    await expect(page.getByTestId('data-error')).toContainText(message);
    await expect(page.getByTestId('dataset-active')).toContainText('MNIST sample');
  }
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

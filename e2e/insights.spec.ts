import { expect, test } from './test';
import { finiteAndUnpaced, openApp, readNumber } from './helpers';

test('confusion matrix, a gallery of mistakes, and a drawing the model classifies', async ({ page }) => {
  await openApp(page, { maxTrain: 1024, maxVal: 256 });
  await page.getByLabel('Preset').selectOption('mlp');
  await page.getByLabel('Epochs').fill('2');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });

  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix).toContainText('Confusion matrix (validation, epoch 2)');
  // The matrix holds every validation sample once.
  const counts = await matrix.locator('tbody td button').allInnerTexts();
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(256);

  // The gallery opens on the mistakes, worst first.
  const gallery = page.getByTestId('gallery');
  await expect(gallery.getByLabel('Only mistakes')).toBeChecked();
  await expect(gallery.getByTestId('gallery-item').first()).toBeVisible();
  const mistakes = Math.round(256 * (1 - (await readNumber(page, 'metric-val-accuracy'))));
  await expect(page.getByTestId('gallery-count')).toContainText(`${mistakes} matching samples`);
  for (const text of await gallery.getByTestId('gallery-item').allInnerTexts()) {
    const [, predicted, actual] = /predicted (\S+) .*\nactual (\S+)/s.exec(text) ?? [];
    expect(predicted).not.toBe(actual);
  }

  // A cell of the matrix shows exactly its samples.
  const cell = matrix.locator('tbody td button').first();
  const label = (await cell.getAttribute('aria-label')) ?? '';
  const [, count, actual, predicted] = /(\d+) samples of (\S+) predicted as (\S+)/.exec(label) ?? [];
  await cell.click();
  await expect(gallery).toContainText(`Showing actual ${actual} predicted as ${predicted}`);
  await expect(page.getByTestId('gallery-count')).toContainText(`${count} matching samples`);

  // Draw a "1": a vertical stroke.
  const canvas = page.getByTestId('draw-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + 0.07 * k));
  await page.mouse.up();
  const probabilities = page.getByTestId('draw-probabilities').locator('li');
  await expect(probabilities).toHaveCount(10);
  const sum = (await probabilities.allInnerTexts()).map((t) => Number(/([\d.]+)%/.exec(t)?.[1])).reduce((a, b) => a + b, 0);
  expect(sum).toBeGreaterThan(99);
  expect(sum).toBeLessThan(101);
});

test('a 2-D set shows its decision boundary, redrawn every epoch', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Dataset').selectOption('synthetic');
  await page.getByLabel('Synthetic set').selectOption('xor');
  await finiteAndUnpaced(page);
  await page.getByLabel('Epochs').fill('3');
  await page.getByLabel('Batch size').fill('16');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.01');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('boundary-summary')).toContainText('Decision boundary after epoch 3');
  // The canvas holds both colours: the model splits the plane.
  const colours = await page
    .getByTestId('decision-boundary')
    .getByTestId('boundary-surface')
    .evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let blue = 0;
      let orange = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 2] > data[i]) blue++;
        else if (data[i] > data[i + 2]) orange++;
      }
      return { blue, orange };
    });
  expect(colours.blue).toBeGreaterThan(1000);
  expect(colours.orange).toBeGreaterThan(1000);
});

test('on the spiral, the boundary is redrawn live while the epoch counter advances', async ({ page }) => {
  // On the CPU backend (the fused engine would finish all 1,000 epochs within a second).
  await page.goto(
    '/?e2e.maxVal=256#v=1&ds=synthetic&syn=spiral&noise=0&n=500&vs=0.5&m=dense(8_tanh)~dense(8_tanh)&opt=sgd&lr=0.03&bs=10&ep=1000&be=cpu',
  );
  await page.getByTestId('train-button').click();
  const boundary = page.getByTestId('decision-boundary');
  await expect(boundary).toBeVisible({ timeout: 60_000 });
  const snapshot = async () => ({
    epoch: Number(await page.getByTestId('epoch').textContent()),
    drawn: Number(await boundary.getAttribute('data-epoch')),
    pixels: await boundary.getByTestId('boundary-surface').evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let hash = 0;
      for (let i = 0; i < data.length; i += 97) hash = (hash * 31 + data[i]) | 0;
      return hash;
    }),
  });
  const first = await snapshot();
  await page.waitForTimeout(1500);
  const second = await snapshot();
  expect(second.epoch).toBeGreaterThan(first.epoch);
  expect(second.drawn).toBeGreaterThan(first.drawn);
  // The drawn epoch keeps up with training (within the run's last few frames).
  expect(second.epoch - second.drawn).toBeLessThan(Math.max(50, second.epoch / 2));
  expect(second.pixels).not.toBe(first.pixels);
  await page.getByTestId('stop-button').click();
  // The gallery lists the worst validation points by their coordinates (it used to say "24 shown" and show none).
  const gallery = page.getByTestId('gallery');
  await gallery.getByLabel('Only mistakes').uncheck();
  await expect(gallery.getByRole('columnheader', { name: 'x₁' })).toBeVisible();
  await expect(gallery.getByTestId('gallery-item')).toHaveCount(24);
});

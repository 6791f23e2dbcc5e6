import { expect, test } from './test';
import { openApp, readNumber } from './helpers';

test('the network is drawn, follows edits, comes alive while training, and the spiral is learned with the recommended features', async ({
  page,
}) => {
  await openApp(page);
  await page.getByLabel('Dataset').selectOption('synthetic');
  // TensorFlow Playground's starting point: two features, 4 and 2 tanh units, then the 2-unit output.
  const network = page.getByTestId('network');
  await expect(network).toHaveAttribute('data-nodes', String(2 + 4 + 2 + 2));
  await expect(page.getByTestId('data-notice')).toContainText('TensorFlow Playground');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.03');
  await page.getByLabel('Synthetic set').selectOption('spiral');

  // Features toggle: the input column follows.
  await page.getByRole('checkbox', { name: 'x₁²' }).check();
  await expect(network).toHaveAttribute('data-nodes', String(3 + 4 + 2 + 2));
  await page.getByRole('checkbox', { name: 'x₁²' }).uncheck();
  await expect(network).toHaveAttribute('data-nodes', String(2 + 4 + 2 + 2));
  // The builder's edits show at once.
  await page.getByRole('button', { name: 'Add layer' }).click();
  await expect(network).not.toHaveAttribute('data-nodes', String(2 + 4 + 2 + 2));

  await page.getByTestId('spiral-recipe').click();
  await expect(network).toHaveAttribute('data-nodes', String(7 + 8 + 8 + 2));
  await page.getByLabel('Noise', { exact: true }).fill('0');
  await page.screenshot({ path: 'test-results/playground-before.png', fullPage: false });

  // It trains until stopped (10,000 epochs), as TensorFlow Playground does.
  await expect(page.getByLabel('Epochs')).toHaveValue('10000');
  const started = Date.now();
  await page.getByTestId('train-button').click();
  await expect.poll(async () => Number(await network.getAttribute('data-epoch')), { timeout: 30_000 }).toBeGreaterThan(0);
  const pixels = () => network.locator('canvas').evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL().length);
  const first = await pixels();
  await expect.poll(async () => (await pixels()) !== first, { timeout: 30_000 }).toBe(true);
  await expect.poll(() => readNumber(page, 'metric-val-accuracy'), { timeout: 60_000 }).toBeGreaterThanOrEqual(0.9);
  console.log(
    `spiral: 0.9 validation accuracy ${((Date.now() - started) / 1000).toFixed(1)} s after Train, on ${await page.getByTestId('backend').textContent()}`,
  );
  await page.screenshot({ path: 'test-results/playground-trained.png', fullPage: false });
  await page.locator('.workspace').screenshot({ path: 'test-results/stage.png' });
  const hover = page.getByTestId('network-hover');
  const box = (await network.locator('canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await expect(hover).not.toHaveText('Point at a unit or an edge to read its value.');
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped');
});

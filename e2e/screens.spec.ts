// Screenshots of the main views for people to judge (test-results/*.png): desktop, classroom, phone.
import { expect, test } from './test';
import { openApp } from './helpers';

test('desktop and classroom views after a short run', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openApp(page, { maxTrain: 256, maxVal: 128 });
  await page.getByLabel('Epochs').fill('2');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  await expect(page.getByTestId('network')).not.toHaveAttribute('data-epoch', '0');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/desktop.png' });
  await page.getByTestId('network').screenshot({ path: 'test-results/network-cnn.png' });
  await page.getByRole('button', { name: /Classroom mode/ }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/classroom.png' });
});

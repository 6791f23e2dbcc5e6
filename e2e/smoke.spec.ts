import { expect, test } from '@playwright/test';

test('trains a few batches', async ({ page }) => {
  page.on('console', (m) => console.log('console:', m.text()));
  await page.goto('/?e2e.maxTrain=512&e2e.maxVal=256');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('backend')).not.toHaveText('—');
  console.log('backend', await page.getByTestId('backend').textContent());
  await expect(page.getByTestId('epoch')).toHaveText('2', { timeout: 90_000 });
  console.log(await page.locator('body').innerText());
});

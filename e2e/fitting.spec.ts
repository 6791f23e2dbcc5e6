import { expect, test } from './test';

test('the fitting lab sweeps depth on the spiral: logistic regression underfits, the U is drawn, the sweet spot named', async ({
  page,
}) => {
  await page.goto(
    '/#v=1&ds=synthetic&syn=spiral&noise=0&n=400&vs=0.5&feat=x1,x2&m=dense(8_tanh)~dense(8_tanh)&opt=adam&lr=0.03&bs=10&ep=150&pace=max&be=auto',
  );
  await page.getByTestId('fitting-depth').click();
  await expect(page.getByRole('tab', { name: 'Sweeps' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('sweep-progress')).toContainText('Done: 5 runs.', { timeout: 180_000 });
  await expect(page.getByTestId('sweep-row')).toHaveCount(5);
  await expect(page.getByTestId('fitting-chart')).toBeVisible();
  const reading = page.getByTestId('sweep-reading');
  await expect(reading).toContainText(/The sweet spot is \d hidden: validation error 0\.\d{3}/);
  // A straight line cannot separate a spiral: the logistic regression fails on its own training data.
  await expect(reading).toContainText(/At 0 \(logistic regression\) the model underfits: its training error is 0\.[2-6]\d\d/);
  await page.getByTestId('fitting-chart').screenshot({ path: 'test-results/fitting-curve.png' });
  await reading.screenshot({ path: 'test-results/fitting-reading.png' });
});

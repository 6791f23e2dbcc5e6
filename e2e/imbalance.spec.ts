import { expect, test } from './test';

// The circle with its orange class (1) kept at 5 % in both splits: 1,000 points, half for validation.
const LINK =
  '/#v=1&ds=synthetic&syn=circle&noise=0.1&n=1000&vs=0.5&feat=x1,x2&m=dense(8_tanh)~dense(8_tanh)&opt=adam&lr=0.01&bs=10&ep=15&pace=max&be=cpu&imb=one&imc=1&ims=0.05&imv=1';

test('class imbalance: a rare class from a link, the majority baseline, its own F1, and class weights', async ({ page }) => {
  await page.goto(LINK);
  await expect(page.getByLabel('Imbalance', { exact: true })).toHaveValue('one');
  await expect(page.getByLabel('Imbalanced class')).toHaveValue('1');
  await expect(page.getByText('Share kept: 5 % of that class')).toBeVisible();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  // 250 orange training points thinned to 5 % (13); blue kept whole (250).
  await expect(page.getByText('263 training / 263 validation samples')).toBeVisible();
  const counts = page.getByTestId('imbalance-counts');
  await expect(counts).toContainText('orange had 13 of 263 training samples (4.9 %)');
  // Always answering blue: 250 of 263 validation points.
  await expect(counts).toContainText('Always answering “blue” scores 0.951 validation accuracy');
  const legend = page.locator('figure', { hasText: 'Accuracy and F1 per epoch' });
  await expect(legend.getByText('validation F1 of orange')).toBeVisible();
  await expect(legend.getByText('majority-class baseline (dotted)')).toBeVisible();
  await expect(legend.getByText('always “blue”')).toBeVisible();
  // The confusion matrix names the rare class's recall.
  await expect(page.getByTestId('confusion-matrix')).toContainText('orange');

  // Balanced class weights: in the link, and the run trains with them.
  await page.getByLabel('Class weights').selectOption('balanced');
  await expect(page).toHaveURL(/cw=balanced/);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(counts).toContainText('orange had 13 of 263');
  await page.getByRole('region', { name: 'Class imbalance' }).screenshot({ path: 'test-results/imbalance-panel.png' });
  await legend.screenshot({ path: 'test-results/imbalance-chart.png' });
});

test('class imbalance names a class the data lacks, and keeps the experiment', async ({ page }) => {
  await page.goto(LINK.replace('imc=1', 'imc=5'));
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('error')).toContainText('Class imbalance names class 5, but this data set has 2 classes (0 to 1).');
  await expect(page.getByLabel('Imbalance', { exact: true })).toHaveValue('one');
});

test('class weights set by hand: one box per class, in the link, used by the run, and a list that does not fit is refused', async ({
  page,
}) => {
  await page.goto(LINK);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  // By hand starts from the balanced weights of the last run's counts: 263 / (2 x 250) and 263 / (2 x 13).
  await page.getByLabel('Class weights').selectOption('hand');
  const orange = page.getByLabel('Weight of orange');
  await expect(page.getByLabel('Weight of blue')).toHaveValue('0.526');
  await expect(orange).toHaveValue('10.1');
  await orange.fill('25');
  await expect(page).toHaveURL(/cw=hand/);
  await expect(page).toHaveURL(/cwv=0\.526(%2C|,)(%20|\+| )?25/);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('class-weights-used')).toHaveText(
    'The last run weighed each sample’s loss by its class (set by hand): blue 0.526, orange 25.',
  );
  await page.getByRole('region', { name: 'Class imbalance' }).screenshot({ path: 'test-results/class-weights-by-hand.png' });

  // An empty box: the panel says why, Train refuses with the same sentence, and the last run stays.
  await orange.fill('');
  const why = 'The class weight of orange must be a number from 0 to 1000, not “”.';
  await expect(page.getByTestId('class-weights-by-hand').getByRole('alert')).toHaveText(why);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('error')).toContainText(why);
  await expect(page.getByTestId('run-status')).toHaveText('done');
  await expect(page.getByTestId('class-weights-used')).toContainText('orange 25');
  await expect(page.getByTestId('epoch')).toHaveText('15');

  // A link with too few weights opens, names the classes, and keeps the rest of the experiment.
  await page.goto(LINK + '&cw=hand&cwv=1');
  await expect(page.getByTestId('class-weights-by-hand').getByRole('alert')).toHaveText(
    'Class weights by hand need one number per class, in class order (blue, orange): 2 numbers, not 1.',
  );
  await expect(page.getByLabel('Imbalance', { exact: true })).toHaveValue('one');
});

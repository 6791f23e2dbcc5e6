import { expect, test } from './test';
import { openTab, readNumber } from './helpers';

// Digits first: the default LeNet-style CNN, 3 epochs on 2,048 of the sample's digits.
const CAPS = 'e2e.maxTrain=2048&e2e.maxVal=500';
const DIGITS = `/?${CAPS}#v=1&ds=mnist-sample&opt=adam&lr=0.01&bs=32&ep=3&seed=1&be=wasm`;
// Then Fashion-MNIST with 1 % of its training labels (80 images), the same 20 epochs (60 steps) each way, seeded.
const FASHION = `/?${CAPS}#v=1&ds=fashion-sample&tf=0.01&opt=adam&lr=0.01&bs=32&ep=20&seed=1&be=wasm`;

test('transfer: a digits CNN with frozen convolutions beats the same CNN from scratch on 1 % of Fashion-MNIST', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(DIGITS);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  const digits = await readNumber(page, 'metric-val-accuracy');
  expect(digits).toBeGreaterThan(0.8);

  // Fashion-MNIST, bundled: the digits run is in the history with its model kept.
  await page.goto(FASHION);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await openTab(page, 'Run history');
  await page.getByRole('button', { name: 'Start from the model of Run 1' }).click();
  const opened = page.getByTestId('opened-model');
  await expect(opened).toContainText('Starts from Run 1, trained on MNIST sample');
  await expect(opened).toContainText('its output layer is replaced');
  // The learner's 1 % stays; the layers are the kept model's.
  await expect(page).toHaveURL(/tf=0\.01/);

  // Freeze both convolutions: only the output layer trains (256 x 10 + 10), drawn apart in the builder and the picture.
  await page.getByRole('button', { name: 'Freeze layer 1' }).click();
  await page.getByRole('button', { name: 'Freeze layer 3' }).click();
  await expect(page.getByRole('button', { name: 'Freeze layer 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('trainable-params')).toHaveText('2,570');
  await expect(page.getByTestId('total-params')).toHaveText('5,994');
  await expect(page.getByText('(3,424 frozen)')).toBeVisible();
  await expect(page).toHaveURL(/conv2d\([^)]*\)!/);
  await expect(page.getByRole('img', { name: /conv 8@5×5 24×24×8 \(frozen\)/ })).toBeAttached();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('epoch')).toHaveText('20');
  const frozen = await readNumber(page, 'metric-val-accuracy');
  await page.getByRole('region', { name: 'Model builder' }).screenshot({ path: 'test-results/transfer-builder.png' });

  // The history names where the run started from.
  await openTab(page, 'Run history');
  await expect(page.getByTestId('history-started-from').first()).toContainText(
    'from Run 1 (MNIST sample), output layer replaced; 2 layer(s) frozen',
  );

  // From scratch: the same CNN, nothing frozen, seeded weights, the same 60 steps.
  await page.getByRole('button', { name: 'Forget it' }).click();
  await page.getByRole('button', { name: 'Freeze layer 1' }).click();
  await page.getByRole('button', { name: 'Freeze layer 3' }).click();
  await expect(page.getByTestId('trainable-params')).toHaveText('5,994');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('epoch')).toHaveText('20');
  const scratch = await readNumber(page, 'metric-val-accuracy');
  console.log(`transfer on 1 % of Fashion-MNIST: frozen convolutions ${frozen.toFixed(3)}, from scratch ${scratch.toFixed(3)}`);
  expect(frozen).toBeGreaterThan(scratch);
  await page.screenshot({ path: 'test-results/transfer-done.png', fullPage: true });
});

test('a kept model whose input does not fit the data is refused, and the current model stays', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(DIGITS.replace('ep=3', 'ep=1'));
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  await page.getByLabel('Dataset').selectOption('sample:iris');
  await expect(page.getByTestId('csv-summary')).toContainText('150 rows');
  const before = await page.getByTestId('total-params').textContent();
  await openTab(page, 'Run history');
  await page
    .getByRole('button', { name: /Start from the model of Run/ })
    .first()
    .click();
  await expect(page.getByTestId('open-model-error')).toContainText('input of shape [28, 28, 1]');
  await expect(page.getByTestId('open-model-error')).toContainText('The current model stays.');
  await expect(page.getByTestId('total-params')).toHaveText(before ?? '');
});

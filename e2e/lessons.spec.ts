import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './test';
import { readNumber } from './helpers';
import { drawHouse } from '../scripts/draw-house.mjs';

/** Opens the app at a lesson link (with the tests' data caps). */
async function openLessonLink(page: Page, lesson: string, step: number): Promise<void> {
  page.on('pageerror', (error) => console.log('page error:', error.message));
  await page.goto(`/?e2e.maxTrain=512&e2e.maxVal=256#lesson=${lesson}&step=${step}`);
  await expect(page.getByTestId('lesson')).toBeVisible();
}

/** Commits the first-named choice, runs the step, and waits for the reading. */
async function predictAndRun(page: Page, choice: string): Promise<void> {
  const panel = page.getByTestId('lesson');
  await panel.getByLabel(choice).check();
  await panel.getByTestId('commit-prediction').click();
  await panel.getByTestId('lesson-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  await expect(panel.getByTestId('lesson-reading')).toBeVisible();
  console.log(
    `${await panel.getByTestId('lesson-step').textContent()} on ${await page.getByTestId('backend').textContent()}: ${await panel.getByTestId('lesson-reading').textContent()}`,
  );
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('[data-testid="lesson"]').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')})`,
    );
}

test('a lesson link: predict, run, the goal is detected, the reading quotes the run, and leaving keeps the experiment', async ({
  page,
}) => {
  await openLessonLink(page, 'overfitting', 1);
  const panel = page.getByTestId('lesson');
  await expect(panel.getByTestId('lesson-step')).toHaveText('step 1 of 6: Memorise the training set');
  // The step's preset is the experiment: the noisy XOR and two layers of 64.
  await expect(page.getByLabel('Synthetic set')).toHaveValue('xor');
  await expect(page.getByTestId('layer-1-shape')).toHaveText('[64]');
  // Running waits for a prediction.
  await expect(panel.getByTestId('lesson-run')).toBeDisabled();
  await page.screenshot({ path: 'test-results/lesson-overfitting-midway.png', fullPage: true });
  await predictAndRun(page, 'yes, by more than 0.2');
  await expect(panel.getByTestId('lesson-goal')).toContainText('✓ Done');
  // The reading names the run's own numbers: the validation accuracy on the page.
  const validation = (await readNumber(page, 'metric-val-accuracy')).toFixed(3);
  const reading = panel.getByTestId('lesson-reading');
  await expect(reading).toContainText(`validation at ${validation}`);
  await expect(reading).toContainText('Your prediction ("yes, by more than 0.2") held.');
  await page.screenshot({ path: 'test-results/lesson-overfitting-done.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  // The learner changes the experiment mid-lesson: the reading reads the new run and says what changed.
  await page.getByTestId('lesson-step').scrollIntoViewIfNeeded();
  await page.getByLabel('Learning rate', { exact: true }).fill('0.001');
  await panel.getByTestId('lesson-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  await expect(reading).toContainText('You changed Learning rate');
  const changedValidation = (await readNumber(page, 'metric-val-accuracy')).toFixed(3);
  await expect(reading).toContainText(`validation at ${changedValidation}`);
  const changedGoal = await panel.getByTestId('lesson-goal').textContent();

  // The link carries the lesson's place; the next step is the dropout network.
  await expect(page).toHaveURL(/lesson=overfitting&step=1/);
  await panel.getByTestId('next-step').click();
  await expect(panel.getByTestId('lesson-step')).toContainText('step 2 of 6: Dropout');
  await expect(page).toHaveURL(/lesson=overfitting&step=2/);
  await expect(page.getByTestId('layer-2')).toContainText('dropout');

  // Leaving: the lesson goes, the experiment stays as it was.
  await page.getByTestId('leave-lesson').click();
  await expect(page.getByTestId('lesson')).toHaveCount(0);
  await expect(page.getByTestId('layer-2')).toContainText('dropout');
  await expect(page.getByLabel('Synthetic set')).toHaveValue('xor');
  await expect(page).not.toHaveURL(/lesson=/);
  await expect(page.getByTestId('train-button')).toBeEnabled();

  // Progress is kept in the browser: the list says one step is done, and the lesson reopens where it was left.
  await page.reload();
  await page.getByText('Lessons', { exact: true }).click();
  const choice = page.getByRole('button', { name: /Overfitting and its cures/ });
  await expect(choice).toContainText('(1 of 6 steps done)');
  await choice.click();
  await expect(page.getByTestId('lesson-step')).toContainText('step 2 of 6');
  // So is each step's reading: step 1 reads the learner's last run again, numbers and change included.
  await panel.getByTestId('previous-step').click();
  await expect(reading).toContainText('Your run from an earlier visit');
  await expect(reading).toContainText(`validation at ${changedValidation}`);
  await expect(reading).toContainText('You changed Learning rate');
  await expect(panel.getByTestId('lesson-goal')).toHaveText(changedGoal!);
});

test('two more lessons, mid-way and done; the panel is axe-clean, large in classroom mode, and fits a phone', async ({ page }) => {
  await openLessonLink(page, 'metrics', 1);
  const panel = page.getByTestId('lesson');
  await page.screenshot({ path: 'test-results/lesson-metrics-midway.png', fullPage: true });
  await predictAndRun(page, 'much lower');
  // On 5 % of one class, accuracy flatters: the reading quotes both numbers from the run.
  const reading = panel.getByTestId('lesson-reading');
  await expect(reading).toContainText((await readNumber(page, 'metric-val-accuracy')).toFixed(3));
  await expect(reading).toContainText(/macro F1 \d\.\d{3}/);
  await expect(panel.getByTestId('lesson-goal')).toContainText('✓ Done');
  await page.screenshot({ path: 'test-results/lesson-metrics-done.png', fullPage: true });

  await openLessonLink(page, 'underfitting', 1);
  await page.screenshot({ path: 'test-results/lesson-underfitting-midway.png', fullPage: true });
  await predictAndRun(page, 'below 0.75');
  await expect(panel.getByTestId('lesson-goal')).toContainText('✓ Done');
  await page.screenshot({ path: 'test-results/lesson-underfitting-done.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  // Classroom mode: the lesson's text is large enough to read from the back of a room.
  await page.getByRole('button', { name: /Classroom mode/ }).click();
  const size = await panel
    .locator('.lesson-text p')
    .first()
    .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
  await page.getByRole('button', { name: /Classroom mode/ }).click();

  // A phone: the lesson is on the first screen and nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(panel).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const top = await panel.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  expect(top).toBeLessThan(844 * 2);
  await page.screenshot({ path: 'test-results/lesson-phone.png', fullPage: false });
});

test('a link to a lesson this app does not have says so, and the page works', async ({ page }) => {
  await page.goto('/#lesson=nonsense&step=99');
  await expect(page.getByTestId('link-notes')).toContainText('names a lesson this app does not have');
  await expect(page.getByTestId('lesson')).toHaveCount(0);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  // A step past the end opens the last step.
  await page.goto('/#lesson=optimizers&step=99');
  await expect(page.getByTestId('lesson-step')).toContainText('step 4 of 4');
  // A lesson on a table: its link loads the sample and sets its preprocessing (scaling off, to see why it matters).
  await page.goto('/#lesson=preprocessing&step=1');
  await expect(page.getByTestId('csv-summary')).toContainText('rows');
  await expect(page.getByLabel(/^Scaling/)).toHaveValue('none');
  await expect(page.getByTestId('lesson-step')).toContainText('step 1 of 4: Raw numbers');
});

test('the hardware lesson reads what auto measured on this machine, and names a software GPU as one', async ({ page }) => {
  await openLessonLink(page, 'hardware', 1);
  const panel = page.getByTestId('lesson');
  await predictAndRun(page, 'a GPU backend (WebGPU or WebGL)');
  const reading = panel.getByTestId('lesson-reading');
  await expect(reading).toContainText('Auto measured:');
  await expect(reading).toContainText(/samples\/s/);
  await expect(panel.getByTestId('lesson-goal')).toContainText('✓ Done');
  // The GPU step on this machine's WebGL: the reading says what it measured, and that the adapter is software here.
  await panel.getByTestId('next-step').click();
  await panel.getByTestId('next-step').click();
  await expect(panel.getByTestId('lesson-step')).toContainText('step 3 of 3: A GPU backend');
  await panel.getByTestId('lesson-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/done|error/, { timeout: 90_000 });
  await expect(reading).toContainText(/WebGL (trained at|did not train here)/);
  console.log(`hardware, step 3: ${await reading.textContent()}`);
  await page.screenshot({ path: 'test-results/lesson-hardware-done.png', fullPage: true });
});

test('the forest lesson grows a forest beside the run and reads both; a drawing of a house is read back from the pad', async ({ page }) => {
  await openLessonLink(page, 'forest', 1);
  const panel = page.getByTestId('lesson');
  await expect(page.getByLabel(/^Scaling/)).toHaveValue('none');
  await predictAndRun(page, 'the forest');
  const reading = panel.getByTestId('lesson-reading');
  // When the run ends the forest grows on its split, unasked; the reading quotes the forest's table.
  await expect(reading).toContainText('the forest of 60 trees', { timeout: 60_000 });
  const forestRow = page.getByTestId('forest-table').locator('tbody tr').last();
  const forestValidation = ((await forestRow.textContent()) ?? '').match(/\d\.\d{3}/g)!;
  expect(forestValidation.length).toBeGreaterThan(0);
  console.log(`forest lesson step 1: ${await reading.textContent()}`);
  await expect(panel.getByTestId('lesson-goal')).toContainText('✓ Done');
  await page.screenshot({ path: 'test-results/lesson-forest-done.png', fullPage: true });

  await openLessonLink(page, 'imperfect', 2);
  await expect(page.getByTestId('lesson-step')).toContainText('step 2 of 2: Draw something that is not a digit');
  await predictAndRun(page, 'name a digit with over 50 %');
  await expect(reading).toContainText('Now draw something that is not a digit');
  await panel.getByTestId('lesson-draw').click();
  const canvas = page.getByTestId('draw-canvas');
  await expect(canvas).toBeInViewport();
  // The pad stays where the button put it while the insight views above it refresh (the gallery re-sorts
  // once the run's last epoch reaches it): a pen put down in the first seconds draws where it lands.
  await page.waitForTimeout(2_500);
  const padAt = (await canvas.boundingBox())!;
  expect(Math.abs(padAt.y + padAt.height / 2 - page.viewportSize()!.height / 2)).toBeLessThan(2);
  await drawHouse(page, canvas);
  const probabilities = page.getByTestId('draw-probabilities').locator('li');
  await expect(probabilities).toHaveCount(10);
  // The reading names the pad's own top answer and its confidence.
  await expect(reading).toContainText('For your drawing the model answered');
  const best = page.getByTestId('draw-probabilities').locator('li.best');
  const [name, percent] = await best
    .locator('span')
    .allInnerTexts()
    .then((t) => [t[0], t[2]]);
  await expect(reading).toContainText(`“${name}” with ${percent.replace('%', ' %')} confidence`);
  console.log(`imperfect lesson step 2: ${await reading.textContent()}`);
  await page.screenshot({ path: 'test-results/lesson-imperfect-drawn.png', fullPage: true });
});

test('the cross-validation step trains five folds and reads each one, with mean ± sd', async ({ page }) => {
  await openLessonLink(page, 'overfitting', 6);
  const panel = page.getByTestId('lesson');
  await expect(panel.getByTestId('lesson-step')).toHaveText('step 6 of 6: Cross-validation');
  await panel.getByLabel('less than 0.1').check();
  await panel.getByTestId('commit-prediction').click();
  await panel.getByTestId('lesson-run').click();
  // The sweep runner trains the folds; the step stays busy until the last one.
  await expect(panel.getByTestId('lesson-run')).toBeDisabled();
  const reading = panel.getByTestId('lesson-reading');
  await expect(reading).toContainText('Validation accuracy on the 5 folds', { timeout: 120_000 });
  await expect(panel.getByTestId('lesson-goal')).toContainText('✓ Done');
  // The reading's folds are the sweep table's rows.
  const text = (await reading.textContent()) ?? '';
  const [, scores] = /5 folds: ([\d., ]+);/.exec(text) ?? [];
  expect(scores.split(', ')).toHaveLength(5);
  const [, mean] = /mean (\d\.\d{3} ± \d\.\d{3})/.exec(text) ?? [];
  await expect(page.getByTestId('sweep-table')).toContainText(`This experiment: mean ± sd5 folds${mean}`);
  console.log(`overfitting step 6: ${text}`);
  await expect(panel.getByTestId('lesson-run')).toBeEnabled();
  await page.screenshot({ path: 'test-results/lesson-folds-done.png', fullPage: true });
});

test('backpropagation: Step one batch at a time, and the network picture draws each step’s change', async ({ page }) => {
  await openLessonLink(page, 'backprop', 1);
  const panel = page.getByTestId('lesson');
  await panel.getByLabel('every layer’s').check();
  await panel.getByTestId('commit-prediction').click();
  const step = panel.getByTestId('lesson-run');
  await expect(step).toHaveText('Step one batch');
  const network = page.getByTestId('network');
  for (let k = 1; k <= 5; k++) {
    await step.click();
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 60_000 });
    await expect(network).toHaveAttribute('data-step', String(k));
  }
  // The picture shows the change from step 4 to 5; the reading quotes each layer's.
  await expect(network).toHaveAttribute('data-showing', 'change');
  await expect(network.locator('figcaption')).toContainText('change in its weights from step 4 to step 5');
  const reading = panel.getByTestId('lesson-reading');
  await expect(reading).toContainText('After step 5');
  await expect(reading).toContainText(/hidden layer 1 \d/);
  await expect(panel.getByTestId('lesson-goal')).toContainText('✓ Done');
  console.log(`backprop step 1: ${await reading.textContent()}`);
  await page.screenshot({ path: 'test-results/lesson-backprop-stepped.png', fullPage: true });
  // Switched off, the picture draws the weights again.
  await page.getByTestId('show-weight-change').uncheck();
  await expect(network).toHaveAttribute('data-showing', 'weights');
  // The next step stops the paused run and starts from its own preset.
  await panel.getByTestId('next-step').click();
  await expect(panel.getByTestId('lesson-step')).toContainText('step 2 of 2: A gradient that fades');
  await expect(page.getByTestId('run-status')).not.toHaveText('paused');
});

test('transfer: a later step starts from the model an earlier step trained, scores it, freezes it, and starts afresh after', async ({
  page,
}) => {
  await openLessonLink(page, 'transfer', 2);
  const panel = page.getByTestId('lesson');
  // Without step 1's model this visit, step 2 says so and waits.
  await expect(panel.getByTestId('lesson-needs-model')).toContainText('run step 1 first');
  await panel.getByTestId('previous-step').click();
  await predictAndRun(page, '0.9 or more');
  const digits = await readNumber(page, 'metric-val-accuracy');
  await panel.getByTestId('next-step').click();
  await expect(panel.getByTestId('lesson-step')).toContainText('step 2 of 5: Moved to clothes, as it is');
  await expect(page.getByTestId('dataset-active')).toContainText('Fashion');
  await predictAndRun(page, 'about chance (0.1)');
  const reading = panel.getByTestId('lesson-reading');
  await expect(page.getByTestId('opened-model')).toContainText('Starts from step 1’s model');
  await expect(reading).toContainText(`from ${digits.toFixed(3)} on digits`);
  const unadapted = await readNumber(page, 'metric-val-accuracy');
  expect(unadapted).toBeLessThan(0.3);
  await expect(panel.getByTestId('lesson-goal')).toContainText('✓ Done');

  await panel.getByTestId('next-step').click();
  await predictAndRun(page, 'below 0.6');
  // The preset's locks hold on the adopted model: only the new output layer trains.
  await expect(page.getByRole('button', { name: 'Freeze layer 2' })).toHaveAttribute('aria-pressed', 'true');
  await expect(reading).toContainText(`against ${unadapted.toFixed(3)} before adapting`);
  await page.screenshot({ path: 'test-results/lesson-transfer-frozen.png', fullPage: true });

  // From scratch: the lesson lets its adopted model go, so the run starts from seeded weights.
  await panel.getByTestId('next-step').click();
  await expect(page.getByTestId('opened-model')).toHaveCount(0);
  await predictAndRun(page, 'as well or better');
  await expect(reading).toContainText('From scratch on 80 clothes');
  console.log(`transfer step 4: ${await reading.textContent()}`);
});

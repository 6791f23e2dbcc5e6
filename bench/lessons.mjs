// Section 16 of `npm run bench`: every lesson, run as a learner runs it in
// the built app (auto backend, no data caps): open it from the Lessons list,
// and for each step commit the first choice, press Run this step (five
// Steps for backpropagation; a house drawn on the pad where a step reads
// one), wait for the reading, go on. Timed idle and with a CPU hog on one core (classroom
// machines are rarely idle); a lesson should take under two minutes.
import { spawn } from 'node:child_process';
import { drawHouse } from '../scripts/draw-house.mjs';

const LIMIT_MS = 120_000;

/** A busy loop on one core until stopped. */
function cpuHog() {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return () => child.kill('SIGKILL');
}

/** Runs every step of the lesson titled `title`; per step: seconds from Run to the reading, the goal met, the backend. */
async function runLesson(page, title) {
  await page.getByText('Lessons', { exact: true }).click();
  await page.getByRole('button', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
  const panel = page.getByTestId('lesson');
  const steps = [];
  for (;;) {
    const label = (await panel.getByTestId('lesson-step').textContent()) ?? '';
    const [, , total] = label.match(/step (\d+) of (\d+)/) ?? [];
    await page.getByTestId('train-button').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="train-button"]')?.hasAttribute('disabled'));
    const commit = panel.getByTestId('commit-prediction');
    if (await commit.count()) {
      await panel.locator('.lesson-prediction input[type="radio"]').first().check();
      await commit.click();
    }
    const t0 = Date.now();
    const run = panel.getByTestId('lesson-run');
    if (((await run.textContent()) ?? '').startsWith('Step one batch')) {
      // Backpropagation: five single Steps, each read at its pause.
      for (let k = 1; k <= 5; k++) {
        await run.click();
        await page.waitForFunction((n) => document.querySelector('[data-testid="network"]')?.getAttribute('data-step') === String(n), k, {
          timeout: LIMIT_MS,
        });
      }
    } else {
      await run.click();
      // Done when the run has ended and the step's button is back (a cross-validation trains all its folds first).
      await page.waitForFunction(
        () =>
          /done|stopped|error/.test(document.querySelector('[data-testid="run-status"]')?.textContent ?? '') &&
          document.querySelector('[data-testid="lesson-run"]')?.hasAttribute('disabled') === false,
        null,
        { timeout: LIMIT_MS * 2 },
      );
    }
    // A forest grows on the run's split after it ends; the reading waits for it.
    await page
      .waitForFunction(() => !/is growing/.test(document.querySelector('[data-testid="lesson-reading"]')?.textContent ?? ''), null, {
        timeout: LIMIT_MS,
      })
      .catch(() => undefined);
    // A step that reads a drawing: draw a house on the pad, as a learner would.
    if (await panel.getByTestId('lesson-draw').count()) {
      await panel.getByTestId('lesson-draw').click();
      await drawHouse(page, page.getByTestId('draw-canvas'));
      await panel
        .getByText(/For your drawing/)
        .waitFor({ timeout: 10_000 })
        .catch(() => undefined);
    }
    const seconds = (Date.now() - t0) / 1000;
    const met = ((await panel.getByTestId('lesson-goal').textContent()) ?? '').includes('✓');
    const backend = (await page.getByTestId('backend').textContent()) ?? '—';
    steps.push({ seconds, met, backend });
    const next = panel.getByTestId('next-step');
    if (steps.length >= Number(total) || !(await next.isEnabled())) break;
    await next.click();
  }
  // A run left paused by Steps is stopped, as a learner would before the next lesson.
  if (/paused/.test((await page.getByTestId('run-status').textContent()) ?? '')) await page.getByTestId('stop-button').click();
  await panel.getByTestId('leave-lesson').click();
  return steps;
}

export async function lessonTable(browser, base, fmt) {
  console.log('\n16. Lessons, as a learner runs them in the app (auto, full data): seconds from Run to the reading, per step');
  console.log('lesson | load | steps | goals met | backends | per step (s) | total (s) | under 2 min');
  for (const load of ['idle', 'one core busy']) {
    const stopHog = load === 'idle' ? () => undefined : cpuHog();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(base);
      await page.getByTestId('train-button').waitFor();
      await page.getByText('Lessons', { exact: true }).click();
      const titles = await page.locator('.lesson-choice strong').allTextContents();
      await page.getByText('Lessons', { exact: true }).click();
      for (const title of titles) {
        const started = Date.now();
        const steps = await runLesson(page, title);
        const total = (Date.now() - started) / 1000;
        console.log(
          `${title} | ${load} | ${steps.length} | ${steps.filter((s) => s.met).length} | ${[...new Set(steps.map((s) => s.backend))].join(', ')} | ${steps
            .map((s) => fmt(s.seconds, 1))
            .join(', ')} | ${fmt(total, 1)} | ${total * 1000 < LIMIT_MS ? 'yes' : 'NO'}`,
        );
      }
      await page.close();
    } finally {
      stopHog();
    }
  }
}

// Section 16 of `npm run bench`: every lesson, run as a learner runs it in
// the built app (auto backend, no data caps): open it from the Lessons list,
// and for each step commit the first choice, press Run this step, wait for
// the reading, go on. Timed idle and with a CPU hog on one core (classroom
// machines are rarely idle); a lesson should take under two minutes.
import { spawn } from 'node:child_process';

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
    await panel.getByTestId('lesson-run').click();
    await page.waitForFunction(
      () => /done|stopped|error/.test(document.querySelector('[data-testid="run-status"]')?.textContent ?? ''),
      null,
      {
        timeout: LIMIT_MS * 2,
      },
    );
    await panel
      .getByTestId('lesson-reading')
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    const seconds = (Date.now() - t0) / 1000;
    const met = ((await panel.getByTestId('lesson-goal').textContent()) ?? '').includes('✓');
    const backend = (await page.getByTestId('backend').textContent()) ?? '—';
    steps.push({ seconds, met, backend });
    const next = panel.getByTestId('next-step');
    if (steps.length >= Number(total) || !(await next.isEnabled())) break;
    await next.click();
  }
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

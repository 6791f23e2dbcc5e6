import { expect, type Page } from '@playwright/test';

/** Opens the app with test-only caps on the data (see src/state/testHooks.ts). */
export async function openApp(page: Page, hooks: Record<string, string | number> = {}): Promise<void> {
  const params = new URLSearchParams({ 'e2e.maxTrain': '512', 'e2e.maxVal': '256' });
  for (const [key, value] of Object.entries(hooks)) params.set(`e2e.${key}`, String(value));
  page.on('pageerror', (error) => console.log('page error:', error.message));
  await page.goto(`/?${params}`);
  await expect(page.getByTestId('train-button')).toBeEnabled();
}

/** Reads a `data-testid` element as a number (NaN for '—'). */
export async function readNumber(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return text.trim() === '—' ? Number.NaN : Number(text);
}

/** Stops the run if it is still going; a short run may already have ended by itself. */
export async function stopRun(page: Page): Promise<void> {
  const stop = page.getByTestId('stop-button');
  if (await stop.isEnabled()) await stop.click({ timeout: 2000 }).catch(() => undefined);
  await expect(page.getByTestId('run-status')).toHaveText(/stopped|done/);
}

/** For a test that wants a 2-D run to end by itself, fast: no "until stopped", and no pacing. */
export async function finiteAndUnpaced(page: Page): Promise<void> {
  await page.getByLabel('Train until stopped').uncheck();
  await page.getByTestId('pace-select').selectOption('max');
}

/** Opens one of the tabs under the first screen (Inside the model, Sweeps, Run history). */
export async function openTab(page: Page, name: 'Inside the model' | 'Sweeps' | 'Run history'): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

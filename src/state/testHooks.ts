import { BACKEND_PREFERENCES, type BackendName } from '../config/experiment';
import type { TestHooks } from '../train/protocol';

const positiveInt = (value: string | null): number | undefined => {
  if (value === null) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * True only in a build made for the browser tests (`VITE_TEST_HOOKS=1 vite
 * build`, as `npm run test:e2e` does). In the production build this is the
 * constant false, so the hooks below are removed as dead code: a crafted link
 * cannot sabotage a run, and its `e2e.*` keys read as unknown settings.
 */
export const TEST_HOOKS_ENABLED = import.meta.env.VITE_TEST_HOOKS === '1';

/**
 * Reads test-only options from the query string, e.g.
 * `?e2e.maxTrain=256&e2e.maxVal=128&e2e.failBackends=webgl&e2e.nanAtStep=3&e2e.crashWorker=1`.
 * Automated tests use them to train a few batches; people never need them.
 */
export function parseTestHooks(search: string): TestHooks | undefined {
  if (!TEST_HOOKS_ENABLED) return undefined;
  const params = new URLSearchParams(search);
  const hooks: TestHooks = {};
  const fail = params.get('e2e.failBackends');
  if (fail) {
    hooks.failBackends = fail
      .split(',')
      .filter((name): name is BackendName => name !== 'auto' && (BACKEND_PREFERENCES as readonly string[]).includes(name));
  }
  hooks.maxTrainSamples = positiveInt(params.get('e2e.maxTrain'));
  hooks.maxValidationSamples = positiveInt(params.get('e2e.maxVal'));
  hooks.nanAtStep = positiveInt(params.get('e2e.nanAtStep'));
  hooks.abortAtStep = positiveInt(params.get('e2e.abortAtStep'));
  hooks.wasmThreads = positiveInt(params.get('e2e.wasmThreads'));
  hooks.livenessMs = positiveInt(params.get('e2e.livenessMs'));
  hooks.blockStepMs = positiveInt(params.get('e2e.blockStepMs'));
  if (params.get('e2e.crashWorker') === '1') hooks.crashWorker = true;
  if (params.get('e2e.silentDeath') === '1') hooks.silentDeath = true;
  if (params.get('e2e.noPicture') === '1') hooks.noPicture = true;
  if (params.get('e2e.breakWasmThreads') === '1') hooks.breakWasmThreads = true;
  const used = Object.values(hooks).some((value) => value !== undefined);
  return used ? hooks : undefined;
}

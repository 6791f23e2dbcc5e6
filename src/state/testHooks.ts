import { BACKEND_PREFERENCES, type BackendName } from '../config/experiment';
import type { TestHooks } from '../train/protocol';

const positiveInt = (value: string | null): number | undefined => {
  if (value === null) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * Reads test-only options from the query string, e.g.
 * `?e2e.maxTrain=256&e2e.maxVal=128&e2e.failBackends=webgl&e2e.nanAtStep=3&e2e.crashWorker=1`.
 * Automated tests use them to train a few batches; people never need them.
 */
export function parseTestHooks(search: string): TestHooks | undefined {
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
  if (params.get('e2e.crashWorker') === '1') hooks.crashWorker = true;
  const used = Object.values(hooks).some((value) => value !== undefined);
  return used ? hooks : undefined;
}

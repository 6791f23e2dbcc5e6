// Faults that only the browser tests ask for (their `e2e.*` test hooks,
// parsed in test builds only: state/testHooks.ts). They wrap an engine from
// outside, so no engine carries test code.
import type { Engine, StepResult } from './engine';
import type { TestHooks } from '../protocol';

/**
 * The same engine, except that every training step from global step
 * `fromStep` on makes no update and reports a NaN loss (with the batch's
 * readout), as a model whose loss overflowed does: the loop's NaN stop is
 * tested against a real run.
 */
export function nanFrom(engine: Engine, fromStep: number): Engine {
  return withTrainStep(engine, (batch, step) =>
    step >= fromStep
      ? engine.evaluate(batch).then(({ readout }): StepResult => ({ loss: Number.NaN, readout }))
      : engine.trainStep(batch, step),
  );
}

/** `engine` with its trainStep replaced (every other member is the engine's own). */
function withTrainStep(engine: Engine, trainStep: Engine['trainStep']): Engine {
  return new Proxy(engine, {
    get(target, key) {
      if (key === 'trainStep') return trainStep;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The same engine, except that global step `atStep` fails as tfjs's WASM backend does when it runs out of memory. */
export function abortAt(engine: Engine, atStep: number): Engine {
  return withTrainStep(engine, (batch, step) =>
    step === atStep
      ? Promise.reject(new Error('RuntimeError: Aborted(). Build with -sASSERTIONS for more info. memory access out of bounds'))
      : engine.trainStep(batch, step),
  );
}

/** Faults are compiled into test builds only; in production this is the constant false and the wrapping below is dead code. */
const FAULTS_ENABLED = import.meta.env.VITE_TEST_HOOKS === '1';

/** The engine with the faults a browser test asked for (none in a production build). */
export function withTestFaults(engine: Engine, hooks: TestHooks | undefined): Engine {
  if (!FAULTS_ENABLED || !hooks) return engine;
  const poisoned = hooks.nanAtStep === undefined ? engine : nanFrom(engine, hooks.nanAtStep);
  return hooks.abortAtStep === undefined ? poisoned : abortAt(poisoned, hooks.abortAtStep);
}

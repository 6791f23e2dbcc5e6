// Timing backends on a model: each candidate is built from the run's own
// weights (or the seed), proved by two steps, and timed in interleaved
// windows by one statistic (compare.ts). prepare.ts decides with the result.
import { BACKEND_LABELS, type BackendName, type ExperimentConfig } from '../../config/experiment';
import type { Dataset } from '../../data/dataset';
import { plainReason } from '../run/failure';
import { requiredKernels } from '../../model/spec';
import { activateBackend } from './backend';
import { epochRate, timeContenders, type Contender } from './compare';
import type { HostBatch } from '../engines/engine';
import { buildEngine, fusedObstacle, type BuiltEngine } from '../engines/build';
import type { EngineState } from '../engines/engineState';
import { gatherBatch } from '../engines/hostBatch';
import type { BackendSpeed, TestHooks } from '../protocol';
import { startedWasmThreadsNote, wasmThreadCount } from './wasmSetup';

/** What choosing and timing a backend depends on in the experiment. */
export type PrepareConfig = Pick<
  ExperimentConfig,
  | 'backend'
  | 'layers'
  | 'batchSize'
  | 'optimizer'
  | 'optimizerParams'
  | 'learningRate'
  | 'weightDecay'
  | 'seed'
  | 'validationSplit'
  | 'trainFraction'
>;

/** Inference is timed on batches of this size (the loop evaluates in EVALUATION_BATCH = 512s; per sample the cost is alike, and a slow backend's window stays short). */
const EVALUATION_BATCH = 128;

function timingBatches(config: PrepareConfig, dataset: Dataset): { batch: HostBatch; evaluation: HostBatch; indices: Uint32Array } {
  const size = Math.max(1, Math.min(config.batchSize, dataset.count));
  const indices = Uint32Array.from({ length: size }, (_, i) => i);
  const evaluationSize = Math.max(1, Math.min(EVALUATION_BATCH, dataset.count));
  const evaluation = gatherBatch(
    dataset,
    Uint32Array.from({ length: evaluationSize }, (_, i) => i),
    0,
    evaluationSize,
  );
  return { batch: gatherBatch(dataset, indices, 0, size), evaluation, indices };
}

/** Validation samples evaluated per training sample in an epoch. */
export function validationShare(config: PrepareConfig): number {
  return config.validationSplit / Math.max((1 - config.validationSplit) * config.trainFraction, 1e-3);
}

/** A measured speed, with the threads WASM ran on and why. */
function measured(backend: BackendName, samplesPerSecond: number): BackendSpeed {
  const threads = backend === 'wasm' ? wasmThreadCount() : null;
  const threadsNote = backend === 'wasm' ? startedWasmThreadsNote() : null;
  return threads === null || threadsNote === null ? { backend, samplesPerSecond } : { backend, samplesPerSecond, threads, threadsNote };
}

export const kernelsOf = (config: PrepareConfig) => [...new Set(config.layers.flatMap((layer) => requiredKernels(layer.kind)))];

/** A backend whose second step (the first sets up kernels and compiles GPU programs) takes this many times the quickest one's is not timed further. */
const HOPELESS_STEP_FACTOR = 4;
/** A first step (kernel set-up, compiling) may take this many times a steady one. */
const FIRST_STEP_SLACK = 3;

/**
 * Activates `backend`, builds the model there (from the seed, or from
 * `state`) and trains two steps, which proves it can train it; `stepMs` is
 * how long the second took (the first sets up kernels, GPU programs and the
 * fused engine's compiled code).
 */
async function contender(
  backend: BackendName,
  config: PrepareConfig,
  dataset: Dataset,
  batch: HostBatch,
  indices: Uint32Array,
  explicit: boolean,
  testHooks?: TestHooks,
  state?: EngineState,
  quickest = Number.POSITIVE_INFINITY,
): Promise<{ contender: Contender; built: BuiltEngine; stepMs: number }> {
  if (testHooks?.failBackends?.includes(backend)) throw new Error('it was made to fail for a test');
  if (backend === 'fused') {
    const obstacle = fusedObstacle(config, dataset);
    if (obstacle) throw new Error(obstacle);
  }
  const activate = () => activateBackend(backend, kernelsOf(config), explicit, testHooks);
  await activate();
  const built = await buildEngine(backend, config, dataset, indices, undefined, state);
  try {
    let started = performance.now();
    const first = await built.engine.trainStep(batch, 1);
    if (!Number.isFinite(first.loss)) throw new Error('a test batch gave a non-finite loss');
    // A first step already far beyond the quickest backend's steady step needs no second to judge it.
    if (performance.now() - started < FIRST_STEP_SLACK * HOPELESS_STEP_FACTOR * quickest) {
      started = performance.now();
      await built.engine.trainStep(batch, 2);
    }
    return { contender: { backend, engine: built.engine, activate }, built, stepMs: performance.now() - started };
  } catch (error) {
    built.dispose();
    throw error;
  }
}

/**
 * Times `backends` on this model in interleaved windows (training and, for
 * auto, each epoch's validation). `hurry` cuts it short; a backend that got
 * no window then reads "not measured". Leaves the last timed backend active.
 */
export async function measureBackends(
  backends: BackendName[],
  config: PrepareConfig,
  dataset: Dataset,
  explicit: boolean,
  hurry: () => boolean,
  testHooks?: TestHooks,
  state?: EngineState,
): Promise<{ speeds: BackendSpeed[]; partial: boolean }> {
  const { batch, evaluation, indices } = timingBatches(config, dataset);
  const speeds = new Map<BackendName, BackendSpeed>();
  const ready: { contender: Contender; built: BuiltEngine; stepMs: number }[] = [];
  try {
    for (const backend of backends) {
      if (hurry()) break;
      try {
        const quickest = Math.min(...ready.map((r) => r.stepMs));
        const next = await contender(backend, config, dataset, batch, indices, explicit, testHooks, state, quickest);
        // Far slower than the quickest so far on a step: not worth windows (a CPU step of the oversized MLP takes a second).
        if (next.stepMs > HOPELESS_STEP_FACTOR * quickest) {
          next.built.dispose();
          const reason = `one step took ${Math.round(next.stepMs)} ms, ${Math.round(next.stepMs / quickest)} times ${BACKEND_LABELS[ready.find((r) => r.stepMs === quickest)!.contender.backend]}'s, so it was not timed further`;
          speeds.set(backend, { backend, samplesPerSecond: null, reason });
          continue;
        }
        ready.push(next);
      } catch (error) {
        speeds.set(backend, { backend, samplesPerSecond: null, reason: plainReason(error) });
      }
    }
    const timings = await timeContenders(
      ready.map((r) => r.contender),
      batch,
      explicit ? null : evaluation,
      hurry,
      validationShare(config),
    );
    let partial = false;
    for (const timing of timings) {
      const rate = epochRate(timing, validationShare(config));
      if (rate === null && !timing.reason) partial = true;
      speeds.set(
        timing.backend,
        rate === null
          ? { backend: timing.backend, samplesPerSecond: null, reason: timing.reason ?? 'not measured yet' }
          : measured(timing.backend, rate),
      );
    }
    partial ||= backends.some((b) => !speeds.has(b));
    return { speeds: backends.filter((b) => speeds.has(b)).map((b) => speeds.get(b)!), partial };
  } finally {
    ready.forEach((r) => r.built.dispose());
  }
}

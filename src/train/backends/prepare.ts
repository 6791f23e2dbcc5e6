// Choosing the backend. A run never waits for a measurement: it starts on
// the best known choice (this device's remembered speeds, the cheap
// backends a warm-up timed, or a guess from the model's size), and a run on
// auto then times every backend against the one it runs on, in interleaved
// windows, at its first epoch boundary (session.ts switches there when
// another is clearly faster). Results are remembered per model shape and
// device. An explicit choice is obeyed, or refused with the reason.
import { BACKEND_LABELS, type BackendName, type ExperimentConfig } from '../../config/experiment';
import type { Dataset } from '../../data/dataset';
import { errorMessage } from '../../lib/assert';
import { checkModel, requiredKernels } from '../../model/spec';
import { activateBackend, deviceKey, MEASURE_ORDER } from './backend';
import { epochRate, timeContenders, type Contender } from './compare';
import type { HostBatch } from '../engines/engine';
import { buildEngine, fusedObstacle, outputFor, type BuiltEngine } from '../engines/build';
import type { EngineState } from '../engines/engineState';
import { gatherBatch } from '../engines/hostBatch';
import type { BackendChoice, BackendSpeed, Fallback, TestHooks } from '../protocol';
import { readSpeeds, writeSpeeds } from './speedCache';
import { startedWasmThreadsNote, wasmThreadCount } from './wasmSetup';

/** Backends that start in well under a second: a warm-up times these before any Train. */
const QUICK_TO_START: BackendName[] = ['fused', 'wasm', 'cpu'];
/** The fused engine is guessed first only for nets this small (parameters); above, its per-sample cost loses to WASM's kernels. */
const FUSED_GUESS_MAX_PARAMS = 20_000;
/** Inference is timed on batches of this size (the loop evaluates in EVALUATION_BATCH = 512s; per sample the cost is alike, and a slow backend's window stays short). */
const EVALUATION_BATCH = 128;

type PrepareConfig = Pick<
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

/** Backend work waits here for the work before it: trying a backend switches tfjs's global backend. */
let backendQueue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const next = backendQueue.then(work, work);
  backendQueue = next.catch(() => undefined);
  return next;
}

/** Resolves when the backend work queued so far has ended (tfjs's global backend is settled then). */
export function backendIdle(): Promise<void> {
  return backendQueue.then(() => undefined);
}

/** Runs and requests waiting for the backend queue: a warm-up's timing gives way to them within one window. */
let waiting = 0;
/** True while a run waits for a backend (a warm-up measuring then stops at once). */
const runIsWaiting = (): boolean => waiting > 0;

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
function validationShare(config: PrepareConfig): number {
  return config.validationSplit / Math.max((1 - config.validationSplit) * config.trainFraction, 1e-3);
}

/** A measured speed, with the threads WASM ran on and why. */
function measured(backend: BackendName, samplesPerSecond: number): BackendSpeed {
  const threads = backend === 'wasm' ? wasmThreadCount() : null;
  const threadsNote = backend === 'wasm' ? startedWasmThreadsNote() : null;
  return threads === null || threadsNote === null ? { backend, samplesPerSecond } : { backend, samplesPerSecond, threads, threadsNote };
}

const kernelsOf = (config: PrepareConfig) => [...new Set(config.layers.flatMap((layer) => requiredKernels(layer.kind)))];

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
async function measureBackends(
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
        speeds.set(backend, { backend, samplesPerSecond: null, reason: errorMessage(error) });
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

/** A speed in words: "1,234 samples/s". */
export const rate = (n: number | null) => `${Math.round(n ?? 0).toLocaleString('en-US')} samples/s`;

/** The measured backends and their speeds, in one line: "WASM 9,653 samples/s, CPU 839 samples/s". */
export function speedList(speeds: BackendSpeed[]): string {
  return speeds
    .filter((s) => s.samplesPerSecond !== null)
    .map((s) => `${BACKEND_LABELS[s.backend]} ${rate(s.samplesPerSecond)}`)
    .join(', ');
}

/** The fastest measured speed, or null. */
export function fastest(speeds: BackendSpeed[]): BackendSpeed | null {
  return speeds
    .filter((s) => s.samplesPerSecond !== null)
    .reduce<BackendSpeed | null>((a, b) => (a === null || (b.samplesPerSecond ?? 0) > (a.samplesPerSecond ?? 0) ? b : a), null);
}

/** Why auto chose `best`, in words, from what was measured. */
export function explain(best: BackendSpeed, speeds: BackendSpeed[], when: string): string {
  const others = speeds.filter((s) => s.backend !== best.backend && s.samplesPerSecond !== null);
  const against = others.length ? `; ${speedList(others)}` : '';
  return `Auto chose ${BACKEND_LABELS[best.backend]}: the fastest for this model, ${rate(best.samplesPerSecond ?? 0)} counting each epoch's validation (${when}${against}).`;
}

const choices = new Map<string, BackendChoice>();
/** Quick-to-start backends a warm-up timed for a key (GPU backends are timed during the first run). */
const quickSpeeds = new Map<string, BackendSpeed[]>();

/** The cache key: this model's shape and training settings that change its speed, on this device. */
async function speedKey(config: PrepareConfig, dataset: Dataset, testHooks?: TestHooks): Promise<string> {
  const share = Math.round(validationShare(config) * 100) / 100;
  return JSON.stringify([
    await deviceKey(),
    config.layers,
    dataset.sampleShape,
    dataset.task,
    dataset.classes.length,
    config.batchSize,
    config.optimizer,
    share,
    testHooks?.failBackends ?? [],
    testHooks?.wasmThreads ?? null,
  ]);
}

/** Where auto starts when nothing was measured: the fused engine for tiny dense nets, else WASM, else the CPU. */
export function guessOrder(
  config: Pick<ExperimentConfig, 'layers'>,
  dataset: Pick<Dataset, 'sampleShape' | 'task' | 'classes'>,
): BackendName[] {
  const check = checkModel(config.layers, dataset.sampleShape, outputFor(dataset));
  const tiny = check.ok && check.totalParams <= FUSED_GUESS_MAX_PARAMS && fusedObstacle(config, dataset) === null;
  return tiny ? ['fused', 'wasm', 'cpu'] : ['wasm', 'cpu', 'webgl'];
}

/** A run's backend and what auto still has to time during the run (empty when everything is known). */
interface RunBackend extends BackendChoice {
  toMeasure: BackendName[];
}

async function startAuto(config: PrepareConfig, dataset: Dataset, testHooks?: TestHooks): Promise<RunBackend> {
  const key = await speedKey(config, dataset, testHooks);
  const remembered = await readSpeeds(key);
  const known = remembered ?? quickSpeeds.get(key) ?? [];
  const fallbacks: Fallback[] = known
    .filter((s) => s.samplesPerSecond === null && s.reason !== 'not measured yet')
    .map((s) => ({ backend: s.backend, reason: s.reason ?? 'it failed' }));
  const toMeasure = remembered ? [] : [...MEASURE_ORDER];
  const best = fastest(known);
  const order = best ? [best.backend, ...guessOrder(config, dataset).filter((b) => b !== best.backend)] : guessOrder(config, dataset);
  for (const backend of order) {
    if (testHooks?.failBackends?.includes(backend)) {
      fallbacks.push({ backend, reason: 'it was made to fail for a test' });
      continue;
    }
    try {
      await activateBackend(backend, kernelsOf(config), false, testHooks);
      const reason =
        best?.backend === backend
          ? explain(
              best,
              known,
              remembered
                ? 'measured on this device before'
                : `measured just now on this model; ${toMeasure.length ? 'the others are timed during this run' : 'every backend'}`,
            )
          : `Auto started on ${BACKEND_LABELS[backend]} at once (${guessWhy(backend)}), and times every backend against it at the end of the first epoch, switching if another is clearly faster.`;
      return { backend, fallbacks, speeds: known, reason, partial: toMeasure.length > 0, toMeasure };
    } catch (error) {
      fallbacks.push({ backend, reason: errorMessage(error) });
    }
  }
  throw new Error(`No backend could train this model: ${fallbacks.map((f) => `${BACKEND_LABELS[f.backend]}: ${f.reason}`).join('; ')}`);
}

function guessWhy(backend: BackendName): string {
  if (backend === 'fused') return 'a small dense net trains fastest on the fused engine';
  if (backend === 'wasm') return 'WASM starts in a moment and trains most models well on the CPU';
  return 'the quicker backends could not start';
}

async function chooseExplicit(
  backend: BackendName,
  config: PrepareConfig,
  dataset: Dataset,
  testHooks?: TestHooks,
): Promise<BackendChoice> {
  const key = `${backend} ${await speedKey(config, dataset, testHooks)}`;
  const known = choices.get(key);
  if (known) {
    await activateBackend(backend, [], true);
    return known;
  }
  const { speeds } = await measureBackends([backend], config, dataset, true, () => false, testHooks);
  const speed = speeds[0];
  if (!speed || speed.samplesPerSecond === null) {
    throw new Error(
      `${BACKEND_LABELS[backend]} cannot train this model here: ${speed?.reason ?? 'it failed'}. Choose Auto, or another backend.`,
    );
  }
  await activateBackend(backend, [], true);
  const choice: BackendChoice = {
    backend,
    fallbacks: [],
    speeds,
    reason: `${BACKEND_LABELS[backend]}, as chosen (${rate(speed.samplesPerSecond)} measured on this model).`,
    partial: false,
  };
  choices.set(key, choice);
  return choice;
}

/**
 * The backend a run starts on, activated. Never waits for a measurement:
 * a warm-up in progress stops at its next window (it checks runIsWaiting).
 */
export function prepareRunBackend(config: PrepareConfig, dataset: Dataset, testHooks?: TestHooks): Promise<RunBackend> {
  waiting++;
  return oneAtATime(async () => {
    waiting--;
    if (config.backend === 'auto') return startAuto(config, dataset, testHooks);
    return { ...(await chooseExplicit(config.backend, config, dataset, testHooks)), toMeasure: [] };
  });
}

/**
 * Before any Train: times the backends that start quickly (auto), or the
 * chosen one, so the page can show the choice. Skipped when `skip` says a
 * run started; cut short, within one timing window, when `hurry` says a run
 * or a request waits. Null when skipped.
 */
export function warmUpBackend(
  config: PrepareConfig,
  dataset: Dataset,
  testHooks: TestHooks | undefined,
  skip: () => boolean,
  hurry: () => boolean,
): Promise<BackendChoice | null> {
  return oneAtATime(async () => {
    if (skip() || hurry()) return null;
    if (config.backend !== 'auto') return chooseExplicit(config.backend, config, dataset, testHooks);
    const key = await speedKey(config, dataset, testHooks);
    const remembered = await readSpeeds(key);
    if (remembered) return choiceOf(remembered, 'measured on this device before');
    const { speeds, partial } = await measureBackends(QUICK_TO_START, config, dataset, false, () => hurry() || runIsWaiting(), testHooks);
    if (partial) return null;
    quickSpeeds.set(key, speeds);
    const choice = choiceOf(speeds, 'measured just now; WebGL and WebGPU are timed during the first run');
    return choice ? { ...choice, partial: true } : null;
  });
}

function choiceOf(speeds: BackendSpeed[], when: string): BackendChoice | null {
  const best = fastest(speeds);
  if (!best) return null;
  const fallbacks = speeds.filter((s) => s.samplesPerSecond === null).map((s) => ({ backend: s.backend, reason: s.reason ?? 'it failed' }));
  return { backend: best.backend, fallbacks, speeds, reason: explain(best, speeds, when), partial: false };
}

/**
 * During a run on auto, at an epoch boundary: times every candidate backend
 * (the run's own included) from the run's current weights and optimizer
 * state, in interleaved windows, then makes the run's backend active again.
 * A complete result is remembered for this device. `hurry`: Stop or Pause
 * was pressed.
 */
export function measureDuringRun(
  config: PrepareConfig,
  dataset: Dataset,
  current: BackendName,
  state: EngineState | undefined,
  testHooks: TestHooks | undefined,
  hurry: () => boolean,
): Promise<{ speeds: BackendSpeed[]; partial: boolean }> {
  return oneAtATime(async () => {
    try {
      // The run's own backend first: the others are judged against its step.
      const order = [current, ...MEASURE_ORDER.filter((b) => b !== current)];
      const result = await measureBackends(order, config, dataset, false, hurry, testHooks, state);
      if (!result.partial && result.speeds.some((s) => s.samplesPerSecond !== null))
        await writeSpeeds(await speedKey(config, dataset, testHooks), result.speeds);
      return result;
    } finally {
      await activateBackend(current, [], config.backend !== 'auto', testHooks);
    }
  });
}

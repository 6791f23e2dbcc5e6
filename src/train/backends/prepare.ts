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
import { checkModel } from '../../model/spec';
import { activateBackend, deviceKey, MEASURE_ORDER } from './backend';
import { measureBackends, validationShare, kernelsOf, type PrepareConfig } from './measure';
import { explain, fastest, rate } from './speeds';
import { fusedObstacle, outputFor } from '../engines/build';
import type { EngineState } from '../engines/engineState';
import type { BackendChoice, BackendSpeed, Fallback, TestHooks } from '../protocol';
import { readSpeeds, writeSpeeds } from './speedCache';

/** Backends that start in well under a second: a warm-up times these before any Train. */
const QUICK_TO_START: BackendName[] = ['fused', 'wasm', 'cpu'];
/** The fused engine is guessed first only for nets this small (parameters); above, its per-sample cost loses to WASM's kernels. */
const FUSED_GUESS_MAX_PARAMS = 20_000;

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

/** Runs waiting for the backend queue (requests give way through the worker's own hurry check). */
let waiting = 0;
/** True while a run waits for a backend: a warm-up's timing then gives way within one window. */
const runIsWaiting = (): boolean => waiting > 0;

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

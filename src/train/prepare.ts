// Choosing the backend. Auto measures this model's training speed on every
// backend that can train it (during the worker's warm-up, before Train) and
// picks the fastest; the result is remembered per model shape and device.
// An explicit choice is obeyed, or refused with the reason: never replaced.
import { BACKEND_LABELS, type BackendName, type ExperimentConfig } from '../config/experiment';
import type { Dataset } from '../data/dataset';
import { errorMessage } from '../lib/assert';
import { requiredKernels } from '../model/spec';
import { activateBackend, deviceKey, MEASURE_ORDER } from './backend';
import type { Engine, HostBatch } from './engine';
import { buildEngine, fusedObstacle } from './engines';
import { FusedEngine } from './fused/engine';
import { gatherBatch } from './hostBatch';
import type { BackendChoice, BackendSpeed, Fallback, TestHooks } from './protocol';
import { readSpeeds, writeSpeeds } from './speedCache';
import { startedWasmThreadsNote, wasmThreadCount } from './wasmSetup';

/** Timed steps per backend: at least this many, for at least this long, and no longer than the cap. */
const MIN_STEPS = 3;
const MIN_MEASURE_MS = 250;
const MAX_MEASURE_MS = 2_000;
/** The fused engine is timed in stretches of at least this long, and for at least this many steps. */
const CHUNK_MS = 25;
const SYNC_MIN_STEPS = 6;
/** A backend projected to be this many times slower than the best so far is not timed further. */
const HOPELESS_FACTOR = 3;


type PrepareConfig = Pick<ExperimentConfig, 'backend' | 'layers' | 'batchSize' | 'optimizer' | 'optimizerParams' | 'learningRate' | 'weightDecay' | 'seed' | 'validationSplit' | 'trainFraction'>;

/** Backend work waits here for the work before it: trying a backend switches tfjs's global backend. */
let backendQueue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const next = backendQueue.then(work, work);
  backendQueue = next.catch(() => undefined);
  return next;
}

/** One batch of the model's own size from the data, for timing. */
/** Validation is evaluated in batches of this size (see the loop). */
const EVALUATION_BATCH = 512;

function timingBatch(config: PrepareConfig, dataset: Dataset): { batch: HostBatch; indices: Uint32Array } {
  const size = Math.max(1, Math.min(config.batchSize, dataset.count));
  const indices = Uint32Array.from({ length: size }, (_, i) => i);
  return { batch: gatherBatch(dataset, indices, 0, size), indices };
}

/**
 * Trains one warm-up step (proves the backend can train the model, and
 * compiles GPU programs of exactly these shapes), then times steps queued as
 * the loop queues them. Returns samples per second.
 */
async function timeEngine(engine: Engine, batch: HostBatch, bestSoFar: number): Promise<number> {
  const first = await engine.trainStep(batch, 1, false);
  if (!Number.isFinite(first.loss)) throw new Error('a test batch gave a non-finite loss');
  if (engine instanceof FusedEngine) return timeSynchronous(engine, batch);
  const start = performance.now();
  let steps = 0;
  let previous: Promise<unknown> | null = null;
  for (;;) {
    const current = engine.trainStep(batch, steps + 2, false);
    if (previous) await previous;
    previous = current;
    steps++;
    const elapsed = performance.now() - start;
    if (elapsed >= MAX_MEASURE_MS) break;
    if (steps >= MIN_STEPS && elapsed >= MIN_MEASURE_MS) break;
    if (bestSoFar > 0 && (steps * batch.count * 1000) / Math.max(elapsed, 1e-3) < bestSoFar / HOPELESS_FACTOR && elapsed > 50) break;
  }
  await previous;
  return (steps * batch.count * 1000) / Math.max(performance.now() - start, 1e-3);
}

/**
 * The fused engine runs in this thread, one step after another, so its
 * speed is that of its fastest stretch of at least CHUNK_MS: JavaScript
 * steps are slowed for a while by the optimizing compiler and by garbage
 * collection, and the loop then runs at the steady pace. Timed in total, the
 * oversized preset measured 107 to 157 samples/s against 196 to 220 in the
 * loop (single steps of 300 ms, then 780 ms), and auto chose WebGL (185).
 */
function timeSynchronous(engine: FusedEngine, batch: HostBatch): number {
  const start = performance.now();
  let best = 0;
  let steps = 0;
  for (let chunkStart = start; ; ) {
    let chunkSteps = 0;
    let now = chunkStart;
    while (now - chunkStart < CHUNK_MS) {
      engine.trainStepNow(batch);
      chunkSteps++;
      now = performance.now();
    }
    best = Math.max(best, (chunkSteps * batch.count * 1000) / (now - chunkStart));
    steps += chunkSteps;
    chunkStart = now;
    if (now - start >= MAX_MEASURE_MS || (steps >= SYNC_MIN_STEPS && now - start >= MIN_MEASURE_MS)) return best;
  }
}

/** Activates `backend`, builds this model there and times it; throws why it cannot train it. */
async function measure(backend: BackendName, config: PrepareConfig, dataset: Dataset, explicit: boolean, bestSoFar: number, testHooks?: TestHooks): Promise<number> {
  if (testHooks?.failBackends?.includes(backend)) throw new Error('it was made to fail for a test');
  if (backend === 'fused') {
    const obstacle = fusedObstacle(config, dataset);
    if (obstacle) throw new Error(obstacle);
  }
  await activateBackend(backend, [...new Set(config.layers.flatMap((layer) => requiredKernels(layer.kind)))], explicit, testHooks);
  const { batch, indices } = timingBatch(config, dataset);
  const built = await buildEngine(backend, config, dataset, indices);
  try {
    const training = await timeEngine(built.engine, batch, bestSoFar);
    // An explicit choice is obeyed whatever its speed: its training speed is only shown.
    if (explicit) return training;
    // An epoch also evaluates the validation split: with a small training
    // set and a large model (the overfitting demo) that can be most of it.
    const evaluating = await timeEvaluation(built.engine, dataset);
    const perTrainingSample = config.validationSplit / Math.max((1 - config.validationSplit) * config.trainFraction, 1e-3);
    return 1 / (1 / training + perTrainingSample / evaluating);
  } finally {
    built.dispose();
  }
}

/** Samples per second of inference in validation-sized batches. */
async function timeEvaluation(engine: Engine, dataset: Dataset): Promise<number> {
  const size = Math.max(1, Math.min(EVALUATION_BATCH, dataset.count));
  const batch = gatherBatch(dataset, Uint32Array.from({ length: size }, (_, i) => i), 0, size);
  await engine.evaluate(batch);
  const start = performance.now();
  let calls = 0;
  do {
    await engine.evaluate(batch);
    calls++;
  } while (calls < 3 && performance.now() - start < MIN_MEASURE_MS);
  return (calls * size * 1000) / Math.max(performance.now() - start, 1e-3);
}

/** A measured speed, with the threads WASM ran on and why. */
function measured(backend: BackendName, samplesPerSecond: number): BackendSpeed {
  const threads = backend === 'wasm' ? wasmThreadCount() : null;
  const threadsNote = backend === 'wasm' ? startedWasmThreadsNote() : null;
  return threads === null || threadsNote === null ? { backend, samplesPerSecond } : { backend, samplesPerSecond, threads, threadsNote };
}

const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')} samples/s`;

/** Why auto chose `best`, in words, from what was measured. */
function explain(best: BackendSpeed, speeds: BackendSpeed[], cached: boolean, partial: boolean): string {
  const others = speeds.filter((s) => s.backend !== best.backend && s.samplesPerSecond !== null);
  const against = others.length ? `; ${others.map((s) => `${BACKEND_LABELS[s.backend]} ${rate(s.samplesPerSecond ?? 0)}`).join(', ')}` : '';
  const when = cached ? 'measured on this device before this run' : 'measured just now on this model';
  const note = partial ? ' (Train was pressed before every backend was measured)' : '';
  return `Auto chose ${BACKEND_LABELS[best.backend]}: the fastest for this model, ${rate(best.samplesPerSecond ?? 0)} counting each epoch's validation (${when}${against})${note}.`;
}

const choices = new Map<string, BackendChoice>();
/** Speeds of a measurement cut short by a run; that run uses them, the next warm-up measures in full. */
const partials = new Map<string, BackendSpeed[]>();

/** The cache key: this model's shape and training settings that change its speed, on this device. */
async function speedKey(config: PrepareConfig, dataset: Dataset, testHooks?: TestHooks): Promise<string> {
  const validationShare = Math.round((config.validationSplit / Math.max((1 - config.validationSplit) * config.trainFraction, 1e-3)) * 100) / 100;
  return JSON.stringify([await deviceKey(), config.layers, dataset.sampleShape, dataset.task, dataset.classes.length, config.batchSize, config.optimizer, validationShare, testHooks?.failBackends ?? [], testHooks?.wasmThreads ?? null]);
}

/** Times every backend in MEASURE_ORDER, unless `hurry` says a run is waiting and something already works. */
async function measureAll(config: PrepareConfig, dataset: Dataset, testHooks: TestHooks | undefined, hurry: () => boolean): Promise<{ speeds: BackendSpeed[]; partial: boolean }> {
  const speeds: BackendSpeed[] = [];
  for (const backend of MEASURE_ORDER) {
    const best = Math.max(0, ...speeds.map((s) => s.samplesPerSecond ?? 0));
    if (best > 0 && hurry()) return { speeds, partial: true };
    try {
      speeds.push(measured(backend, await measure(backend, config, dataset, false, best, testHooks)));
    } catch (error) {
      speeds.push({ backend, samplesPerSecond: null, reason: errorMessage(error) });
    }
  }
  return { speeds, partial: false };
}

/** What was measured for `key`: remembered in full, cut short by a run, or measured now. */
async function speedsFor(key: string, config: PrepareConfig, dataset: Dataset, testHooks: TestHooks | undefined, hurry: () => boolean): Promise<{ speeds: BackendSpeed[]; cached: boolean; partial: boolean }> {
  const remembered = await readSpeeds(key);
  if (remembered) return { speeds: remembered, cached: true, partial: false };
  const cut = partials.get(key);
  if (cut) {
    partials.delete(key);
    return { speeds: cut, cached: false, partial: true };
  }
  const { speeds, partial } = await measureAll(config, dataset, testHooks, hurry);
  if (partial) partials.set(key, speeds);
  else if (speeds.some((s) => s.samplesPerSecond !== null)) await writeSpeeds(key, speeds);
  return { speeds, cached: false, partial };
}

async function chooseAuto(config: PrepareConfig, dataset: Dataset, testHooks: TestHooks | undefined, hurry: () => boolean): Promise<BackendChoice> {
  const { speeds, cached, partial } = await speedsFor(await speedKey(config, dataset, testHooks), config, dataset, testHooks, hurry);
  const working = speeds.filter((s) => s.samplesPerSecond !== null);
  if (working.length === 0) {
    throw new Error(`No backend could train this model: ${speeds.map((s) => `${BACKEND_LABELS[s.backend]}: ${s.reason}`).join('; ')}`);
  }
  const best = working.reduce((a, b) => ((b.samplesPerSecond ?? 0) > (a.samplesPerSecond ?? 0) ? b : a));
  await activateBackend(best.backend, [], false);
  const fallbacks: Fallback[] = speeds.filter((s) => s.samplesPerSecond === null).map((s) => ({ backend: s.backend, reason: s.reason ?? 'it failed' }));
  return { backend: best.backend, fallbacks, speeds, reason: explain(best, speeds, cached, partial), partial };
}

async function chooseExplicit(backend: BackendName, config: PrepareConfig, dataset: Dataset, testHooks?: TestHooks): Promise<BackendChoice> {
  const key = `${backend} ${await speedKey(config, dataset, testHooks)}`;
  const known = choices.get(key);
  if (known) {
    await activateBackend(backend, [], true);
    return known;
  }
  try {
    const samplesPerSecond = await measure(backend, config, dataset, true, 0, testHooks);
    const choice: BackendChoice = { backend, fallbacks: [], speeds: [measured(backend, samplesPerSecond)], reason: `${BACKEND_LABELS[backend]}, as chosen (${rate(samplesPerSecond)} measured on this model).`, partial: false };
    choices.set(key, choice);
    return choice;
  } catch (error) {
    throw new Error(`${BACKEND_LABELS[backend]} cannot train this model here: ${errorMessage(error)}. Choose Auto, or another backend.`, { cause: error });
  }
}

/**
 * Chooses and activates the backend for this model. Calls run one at a
 * time, so a warm-up still measuring can never switch the backend under a
 * run. A warm-up passes `skip` (checked when its turn comes) and `hurry`
 * (checked between backends: a run is waiting, so stop at what was measured).
 */
export function prepareBackend(config: PrepareConfig, dataset: Dataset, testHooks?: TestHooks, skip?: () => boolean, hurry: () => boolean = () => false): Promise<BackendChoice | null> {
  return oneAtATime(async () => {
    if (skip?.()) return null;
    if (config.backend === 'auto') return chooseAuto(config, dataset, testHooks, hurry);
    return chooseExplicit(config.backend, config, dataset, testHooks);
  });
}

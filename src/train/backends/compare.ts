// Timing engines against each other fairly: every candidate by the same
// statistic (the median samples/s of its windows), with the windows of all
// candidates interleaved round by round, so other work on the machine slows
// each of them alike. Nothing here knows what a backend is beyond its name.
import type { BackendName } from '../../config/experiment';
import { yieldToEventLoop } from '../../lib/yield';
import type { Engine, HostBatch } from '../engines/engine';

/** Each window trains for at least this long (and at least one step). */
const WINDOW_MS = 80;
/** Rounds of windows: every candidate gets one window per round. */
const ROUNDS = 3;
/** After the first round, a contender this many times slower than the best gets no more windows. */
const HOPELESS_FACTOR = 3;

export interface Contender {
  backend: BackendName;
  engine: Engine;
  /** Makes this contender's backend the active one before its window (tfjs has one global backend). */
  activate(): Promise<void>;
}

export interface Timing {
  backend: BackendName;
  /** Median training samples/s over the windows (null: it failed, with the reason). */
  training: number | null;
  /** Median inference samples/s in validation-sized batches. */
  evaluating: number | null;
  windows: number;
  reason?: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Trains for one window, queuing one step ahead as the loop does where the
 * engine works asynchronously (a synchronous one has finished each step by
 * the time it returns); samples per second.
 */
async function trainWindow(
  engine: Engine,
  batch: HostBatch,
  firstStep: number,
  windowMs: number,
): Promise<{ rate: number; steps: number }> {
  const start = performance.now();
  let steps = 0;
  let previous: Promise<unknown> | null = null;
  do {
    const current = engine.trainStep(batch, firstStep + steps);
    if (engine.synchronous) await current;
    else {
      if (previous) await previous;
      previous = current;
    }
    steps++;
  } while (performance.now() - start < windowMs);
  await previous;
  return { rate: (steps * batch.count * 1000) / Math.max(performance.now() - start, 1e-3), steps };
}

async function evaluateWindow(engine: Engine, batch: HostBatch, windowMs: number): Promise<number> {
  const start = performance.now();
  let calls = 0;
  do {
    await engine.evaluate(batch);
    calls++;
  } while (performance.now() - start < windowMs);
  return (calls * batch.count * 1000) / Math.max(performance.now() - start, 1e-3);
}

/**
 * Times every contender in ROUNDS interleaved rounds (training, then
 * inference when `evaluation` is given); one far behind after the first
 * round (in epoch speed, with `validationPerTrainingSample`) is judged on
 * that round alone. `hurry` is checked between windows:
 * when it says a run or a request waits, timing stops and each contender is
 * judged on the rounds it completed (those with none come back null).
 * Yields to the event loop between windows so that messages are heard.
 */
export async function timeContenders(
  contenders: Contender[],
  batch: HostBatch,
  evaluation: HostBatch | null,
  hurry: () => boolean,
  validationPerTrainingSample = 0,
  windowMs = WINDOW_MS,
  rounds = ROUNDS,
): Promise<Timing[]> {
  const training = contenders.map(() => [] as number[]);
  const evaluating = contenders.map(() => [] as number[]);
  const failed: (string | null)[] = contenders.map(() => null);
  const steps = contenders.map(() => 2);
  const dropped = contenders.map(() => false);
  outer: for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      // Judged on whole epochs (training and validation), as the choice is.
      const rates = training.map((t, k) =>
        t.length
          ? (epochRate(
              { training: median(t), evaluating: evaluating[k].length ? median(evaluating[k]) : null },
              validationPerTrainingSample,
            ) ?? 0)
          : 0,
      );
      const best = Math.max(0, ...rates);
      rates.forEach((rate, k) => {
        if (training[k].length && rate * HOPELESS_FACTOR < best) dropped[k] = true;
      });
    }
    for (let k = 0; k < contenders.length; k++) {
      if (failed[k] || dropped[k]) continue;
      await yieldToEventLoop();
      if (hurry()) break outer;
      const { engine, activate } = contenders[k];
      try {
        await activate();
        const window = await trainWindow(engine, batch, steps[k], windowMs);
        steps[k] += window.steps;
        training[k].push(window.rate);
        if (evaluation) evaluating[k].push(await evaluateWindow(engine, evaluation, windowMs / 2));
      } catch (error) {
        failed[k] = error instanceof Error ? error.message : String(error);
      }
    }
  }
  return contenders.map(({ backend }, k) => ({
    backend,
    training: failed[k] || training[k].length === 0 ? null : median(training[k]),
    evaluating: failed[k] || evaluating[k].length === 0 ? null : median(evaluating[k]),
    windows: training[k].length,
    ...(failed[k] ? { reason: failed[k] } : {}),
  }));
}

/**
 * Samples per second of a whole epoch: training plus this share of
 * validation inference per training sample (the overfitting demo validates
 * on 12 times as many samples as it trains on).
 */
export function epochRate(timing: Pick<Timing, 'training' | 'evaluating'>, validationPerTrainingSample: number): number | null {
  if (timing.training === null) return null;
  if (timing.evaluating === null || validationPerTrainingSample === 0) return timing.training;
  return 1 / (1 / timing.training + validationPerTrainingSample / timing.evaluating);
}

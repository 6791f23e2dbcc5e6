// The training loop: plain async code over a tf.LayersModel, used by the
// worker and by unit tests under Node alike. It never posts messages itself;
// the caller passes callbacks in (as tfjs-examples' mnist-core does).
import * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../../data/dataset';
import { createRng, deriveSeed, shuffleInPlace } from '../../lib/rng';
import { yieldToEventLoop } from '../../lib/yield';
import { DivergenceWatch, untrainedLoss, type Divergence } from '../../metrics/divergence';
import type { BatchPoint, EpochPoint, ProbePoint, SplitScores } from '../../metrics/types';
import type { RunControl } from './control';
import type { Engine, StepResult, WeightSnapshot } from '../engines/engine';
import { headFor, type Head, type Tally } from '../engines/heads';
import { EVALUATION_BATCH, gatherBatch } from '../engines/hostBatch';
import type { TunableOptimizer } from '../engines/optimizers';
import { rateAt, type ScheduleSettings } from '../../config/schedule';
import { TfjsEngine } from '../engines/tfjsEngine';

/** Yield to the event loop at least this often, so pause and stop are heard. */
const YIELD_EVERY_MS = 25;

/** Thrown when the loss stops being a finite number. */
export class DivergedError extends Error {
  constructor(
    readonly epoch: number,
    readonly step: number,
  ) {
    super(
      `The loss became NaN or infinite at epoch ${epoch}, step ${step}, so training was stopped. ` +
        'Try a lower learning rate or a different optimizer.',
    );
    this.name = 'DivergedError';
  }
}

interface CommonOptions {
  dataset: Dataset;
  split: Split;
  batchSize: number;
  epochs: number;
  seed: number;
  control: RunControl;
  /** Called once per batch, in order, with that batch's loss and accuracy. */
  onBatch(point: BatchPoint): void;
  onEpoch(point: EpochPoint): void;
  /** Awaited after each epoch's results are out (the worker draws the decision boundary here). */
  afterEpoch?(epoch: number): Promise<void> | void;
  /**
   * Awaited after afterEpoch: an engine to go on with from the next epoch
   * (auto moved the run to a faster backend, carrying its state), or null.
   * The caller disposes the engine it replaces.
   */
  swapEngine?(epoch: number, engine: Engine): Promise<Engine | null>;
  /** Called when the loop is about to wait in a pause, after all results are in. */
  onPause?(step: number): void;
  /** Called when a new learning rate applies, with the first step that uses it. */
  onLearningRateChange?(step: number, learningRate: number): void;
  /** Global L2 penalty on every kernel, added to the loss (0 or absent: off). */
  weightDecay?: number;
  /** Train nothing: score both splits as epoch 0 (an opened model on the current data). */
  evaluateOnly?: boolean;
  /** Stop after `patience` epochs without a lower validation loss; the best weights are restored at the end. */
  earlyStopping?: { patience: number };
  /** Called when the best weights (of `epoch`) are put back, before the loop returns. */
  onRestoreBest?(epoch: number): void;
  /** Called once when the loss explodes or sits above an untrained model's, without reaching NaN. */
  onDivergence?(divergence: Divergence): void;
  /**
   * Score the validation split every `every` steps between epoch ends, until
   * it reaches `target` (accuracy at least, or loss at most for regression),
   * so steps to the target are read at that resolution, not at epoch ends.
   */
  probe?: { every: number; target: number };
  onProbe?(point: ProbePoint): void;
  /**
   * Go on from a checkpoint: `epoch` epochs (`step` steps) are done, and the
   * engine holds their weights and optimizer state. The shuffles of the
   * epochs done are replayed, so the run goes on as it would have.
   */
  start?: { epoch: number; step: number; best?: { epoch: number; loss: number; weights: Float32Array[] | null } };
  /**
   * A learning-rate schedule (config/schedule.ts) over `epochs` epochs from
   * rate `base`: the rate is set before every step. A live change of the
   * rate (control.takeLearningRate) moves the base.
   */
  schedule?: { settings: ScheduleSettings; base: number; epochs: number };
  /** Awaited at each epoch end, after early stopping's bookkeeping: where the run stands, to checkpoint it. */
  onEpochState?(stand: {
    epoch: number;
    step: number;
    engine: Engine;
    best: { epoch: number; loss: number; weights: WeightSnapshot | null };
  }): Promise<void>;
}

/** Train with an engine, or (tests, bench) with a tfjs model and optimizer wrapped in a TfjsEngine. */
export type TrainOptions = CommonOptions & ({ engine: Engine } | { model: tf.LayersModel; optimizer: TunableOptimizer });

export type TrainResult = 'completed' | 'stopped' | 'early-stopped';

/** Early stopping's memory: the epoch with the lowest validation loss so far, and a copy of its weights. */
interface BestEpoch {
  epoch: number;
  loss: number;
  weights: WeightSnapshot | null;
}

interface PendingBatch {
  epoch: number;
  step: number;
  labels: Float32Array;
  result: Promise<StepResult>;
}

function engineOf(options: TrainOptions): Engine {
  if ('engine' in options) return options.engine;
  const head = headFor(options.dataset, options.split.train);
  return new TfjsEngine({
    model: options.model,
    optimizer: options.optimizer,
    dataset: options.dataset,
    head,
    seed: options.seed,
    weightDecay: options.weightDecay ?? 0,
  });
}

/**
 * Trains until all epochs ran ('completed'), the control stopped it
 * ('stopped'), or validation loss stopped improving ('early-stopped').
 */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const engine = engineOf(options);
  const best: BestEpoch = { epoch: 0, loss: Number.POSITIVE_INFINITY, weights: null };
  try {
    const result = await trainEpochs(options, engine, best);
    if (options.earlyStopping && result !== 'stopped' && best.epoch > 0 && best.weights) {
      best.weights.restore();
      options.onRestoreBest?.(best.epoch);
    }
    return result;
  } finally {
    best.weights?.dispose();
  }
}

/** Early stopping's best weights, moved onto the engine that takes the run over. */
async function moveBest(best: BestEpoch, next: Engine): Promise<void> {
  if (!best.weights) return;
  const values = await best.weights.read();
  best.weights.dispose();
  best.weights = { restore: () => next.writeWeights(values), dispose: () => undefined, read: () => Promise.resolve(values) };
}

async function trainEpochs(options: TrainOptions, first: Engine, best: BestEpoch): Promise<TrainResult> {
  let engine = first;
  const { dataset, split, batchSize, control } = options;
  const head = headFor(dataset, split.train);
  const shuffleRng = createRng(deriveSeed(options.seed, 'shuffle'));
  const order = split.train.slice();
  const start = options.start ?? { epoch: 0, step: 0 };
  for (let done = 0; done < start.epoch; done++) shuffleInPlace(order, shuffleRng);
  let step = start.step;
  if (start.best && options.earlyStopping) {
    const kept = start.best.weights;
    best.epoch = start.best.epoch;
    best.loss = start.best.loss;
    best.weights = kept
      ? { restore: () => engine.writeWeights(kept), dispose: () => undefined, read: () => Promise.resolve(kept) }
      : start.best.epoch === start.epoch
        ? engine.snapshot()
        : null;
  }
  let lastYield = performance.now();

  // State of the epoch in progress, filled as batch results arrive.
  let lossSum = 0;
  let lossCount = 0;
  let tally: Tally = head.tally();

  // Results are read one batch late: batch k+1 is queued before batch k's
  // numbers are awaited, so the device never idles on a readback, and a NaN
  // still stops the run within one batch.
  let pending: PendingBatch | null = null;
  const watch = new DivergenceWatch(untrainedLoss(head.task, dataset.classes.length));
  const probe = options.probe;
  const reaches = (scores: SplitScores) =>
    probe !== undefined && (head.task === 'classification' ? (scores.accuracy ?? -Infinity) >= probe.target : scores.loss <= probe.target);
  let probing = probe !== undefined && probe.every > 0;
  const schedule = options.schedule;
  const stepsPerEpoch = Math.ceil(order.length / batchSize);
  let base = schedule?.base ?? 0;
  let scheduled = Number.NaN;
  const settle = async (): Promise<void> => {
    if (!pending) return;
    const current = pending;
    pending = null;
    const { loss, readout } = await current.result;
    if (!Number.isFinite(loss)) throw new DivergedError(current.epoch, current.step);
    const divergence = watch.add(current.step, loss);
    if (divergence) options.onDivergence?.(divergence);
    const figure = tally.add(current.labels, readout);
    lossSum += loss * current.labels.length;
    lossCount += current.labels.length;
    const point: BatchPoint = { step: current.step, epoch: current.epoch, size: current.labels.length, loss, accuracy: figure };
    // Regression shows the batch's mean squared error in the target's units.
    if (head.task === 'regression') {
      point.loss = figure;
      delete point.accuracy;
    }
    options.onBatch(point);
  };

  if (options.evaluateOnly) {
    const train = await evaluateSplit(engine, dataset, split.train, head);
    const evaluated = await evaluateSplit(engine, dataset, split.validation, head);
    const point: EpochPoint = { epoch: 0, step: 0, train: train.scores, validation: evaluated.scores };
    if (evaluated.confusion) point.confusion = evaluated.confusion;
    options.onEpoch(point);
    return 'completed';
  }
  for (let epoch = start.epoch + 1; epoch <= options.epochs; epoch++) {
    const epochStart = performance.now();
    shuffleInPlace(order, shuffleRng);
    lossSum = 0;
    lossCount = 0;
    tally = head.tally();
    for (let from = 0; from < order.length; from += batchSize) {
      const go = await control.beforeBatch(async () => {
        await settle();
        options.onPause?.(step);
      });
      if (!go) {
        await settle();
        return 'stopped';
      }
      step++;
      const learningRate = control.takeLearningRate();
      if (learningRate !== null) {
        base = learningRate;
        engine.setLearningRate(learningRate);
        options.onLearningRateChange?.(step, learningRate);
      }
      if (schedule) {
        const rate = rateAt(schedule.settings, base, step, stepsPerEpoch, schedule.epochs * stepsPerEpoch);
        if (rate !== scheduled || learningRate !== null) engine.setLearningRate(rate);
        scheduled = rate;
      }
      const batch = gatherBatch(dataset, order, from, Math.min(from + batchSize, order.length));
      const result = engine.trainStep(batch, step);
      const previous = settle();
      pending = { epoch, step, labels: batch.labels, result };
      await previous;
      // The first batch is shown at once: the user is waiting for the charts to move.
      if (step === 1) await settle();
      const epochEnds = from + batchSize >= order.length;
      if (probing && step % probe!.every === 0 && !epochEnds) {
        await settle();
        const validation = (await evaluateSplit(engine, dataset, split.validation, head)).scores;
        options.onProbe?.({ epoch, step, validation });
        if (reaches(validation)) probing = false;
        lastYield = performance.now();
      }
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    await settle();
    const train: SplitScores = tally.scores(lossSum / Math.max(lossCount, 1));
    const evaluated = await evaluateSplit(engine, dataset, split.validation, head);
    const point: EpochPoint = { epoch, step, train, validation: evaluated.scores };
    if (evaluated.confusion) point.confusion = evaluated.confusion;
    options.onEpoch(point);
    if (reaches(evaluated.scores)) probing = false;
    await options.afterEpoch?.(epoch);
    const next = await options.swapEngine?.(epoch, engine);
    if (next) {
      await moveBest(best, next);
      engine = next;
      // The new engine starts at the config's rate: the schedule sets its own at the next step.
      scheduled = Number.NaN;
    }
    if (options.earlyStopping) {
      if (evaluated.scores.loss < best.loss) {
        best.weights?.dispose();
        best.weights = engine.snapshot();
        best.epoch = epoch;
        best.loss = evaluated.scores.loss;
      }
      if (epoch - best.epoch >= options.earlyStopping.patience) return 'early-stopped';
    }
    await options.onEpochState?.({ epoch, step, engine, best });
    // The pace: an epoch takes at least control.minEpochMs, so a tiny net can be watched learning.
    if (control.minEpochMs > 0) {
      await control.waitUntil(epochStart + control.minEpochMs);
      lastYield = performance.now();
    }
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  return 'completed';
}

/** Loss and scores of the model (inference mode) on `indices`. */
export async function evaluate(model: tf.LayersModel, dataset: Dataset, indices: Uint32Array, head: Head): Promise<SplitScores> {
  const engine = new TfjsEngine({ model, optimizer: null, dataset, head, seed: 0, weightDecay: 0 });
  return (await evaluateSplit(engine, dataset, indices, head)).scores;
}

/** Scores and, for classification, the confusion matrix on `indices`. */
async function evaluateSplit(
  engine: Engine,
  dataset: Dataset,
  indices: Uint32Array,
  head: Head,
): Promise<{ scores: SplitScores; confusion: number[][] | null }> {
  const tally = head.tally();
  let lossSum = 0;
  let lastYield = performance.now();
  for (let from = 0; from < indices.length; from += EVALUATION_BATCH) {
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
    const batch = gatherBatch(dataset, indices, from, Math.min(from + EVALUATION_BATCH, indices.length));
    const result = await engine.evaluate(batch);
    lossSum += result.lossSum;
    tally.add(batch.labels, result.readout);
  }
  return { scores: tally.scores(indices.length === 0 ? Number.NaN : lossSum / indices.length), confusion: tally.matrix() };
}

// The training loop: plain async code over a tf.LayersModel, used by the
// worker and by unit tests under Node alike. It never posts messages itself;
// the caller passes callbacks in (as tfjs-examples' mnist-core does).
import * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../data/dataset';
import { createRng, deriveSeed, shuffleInPlace } from '../lib/rng';
import { yieldToEventLoop } from '../lib/yield';
import type { BatchPoint, EpochPoint, SplitScores } from '../metrics/types';
import { reseedDropout } from '../model/build';
import { makeBatch } from './batch';
import type { RunControl } from './control';
import { headFor, type Head, type Tally } from './heads';
import { BestWeights, kernelSquares } from './regularise';
import type { TunableOptimizer } from './optimizers';

/** Yield to the event loop at least this often, so pause and stop are heard. */
const YIELD_EVERY_MS = 25;
const EVAL_BATCH_SIZE = 512;

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

export interface TrainOptions {
  model: tf.LayersModel;
  optimizer: TunableOptimizer;
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
  afterEpoch?(epoch: number): Promise<void>;
  /** Called when the loop is about to wait in a pause, after all results are in. */
  onPause?(step: number): void;
  /** Called when a new learning rate applies, with the first step that uses it. */
  onLearningRateChange?(step: number, learningRate: number): void;
  /** Global L2 penalty on every kernel, added to the loss (0 or absent: off). */
  weightDecay?: number;
  /** Stop after `patience` epochs without a lower validation loss; the best weights are restored at the end. */
  earlyStopping?: { patience: number };
  /** Called when the best weights (of `epoch`) are put back, before the loop returns. */
  onRestoreBest?(epoch: number): void;
  /** Test hook: from this global step on, the loss is made NaN. */
  nanAtStep?: number;
}

export type TrainResult = 'completed' | 'stopped' | 'early-stopped';

interface PendingBatch {
  epoch: number;
  step: number;
  labels: Float32Array;
  values: Promise<[Float32Array | Int32Array | Uint8Array, Float32Array | Int32Array | Uint8Array]>;
}

/**
 * Trains until all epochs ran ('completed'), the control stopped it
 * ('stopped'), or validation loss stopped improving ('early-stopped').
 */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const best = new BestWeights();
  try {
    const result = await trainEpochs(options, best);
    if (options.earlyStopping && result !== 'stopped' && best.epoch > 0 && best.restore(options.model)) options.onRestoreBest?.(best.epoch);
    return result;
  } finally {
    best.dispose();
  }
}

async function trainEpochs(options: TrainOptions, best: BestWeights): Promise<TrainResult> {
  const { model, dataset, split, batchSize, control } = options;
  const weightDecay = options.weightDecay ?? 0;
  const head = headFor(dataset, split.train);
  const shuffleRng = createRng(deriveSeed(options.seed, 'shuffle'));
  const order = split.train.slice();
  let step = 0;
  let lastYield = performance.now();

  // State of the epoch in progress, filled as batch results arrive.
  let lossSum = 0;
  let lossCount = 0;
  let tally: Tally = head.tally();

  // Results are read one batch late: batch k+1 is queued before batch k's
  // numbers are awaited, so the device never idles on a readback, and a NaN
  // still stops the run within one batch.
  let pending: PendingBatch | null = null;
  const settle = async (): Promise<void> => {
    if (!pending) return;
    const current = pending;
    pending = null;
    const [lossValues, readout] = await current.values;
    const loss = lossValues[0];
    if (!Number.isFinite(loss)) throw new DivergedError(current.epoch, current.step);
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

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
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
        options.optimizer.setLearningRate(learningRate);
        options.onLearningRateChange?.(step, learningRate);
      }
      const { xs, labels } = makeBatch(dataset, order, from, Math.min(from + batchSize, order.length));
      reseedDropout(model, options.seed, step);
      const poison = options.nanAtStep !== undefined && step >= options.nanAtStep;
      const { loss, readout } = tf.tidy(() => {
        const targets = head.targets(labels);
        let readoutTensor: tf.Tensor | null = null;
        const lossScalar = options.optimizer.optimizer.minimize(
          () => {
            const outputs = model.apply(xs, { training: true }) as tf.Tensor;
            readoutTensor = tf.keep(head.readout(outputs));
            let total = head.losses(targets, outputs).mean() as tf.Scalar;
            for (const penalty of model.layers.flatMap((layer) => layer.calculateLosses())) total = total.add(penalty);
            if (weightDecay > 0) total = total.add(kernelSquares(model).mul(weightDecay));
            return poison ? total.mul(Number.NaN) : total;
          },
          true,
        ) as tf.Scalar;
        return { loss: lossScalar, readout: readoutTensor as unknown as tf.Tensor };
      });
      xs.dispose();
      const values = Promise.all([loss.data(), readout.data()]).finally(() => {
        loss.dispose();
        readout.dispose();
      }) as PendingBatch['values'];
      const previous = settle();
      pending = { epoch, step, labels, values };
      await previous;
      // The first batch is shown at once: the user is waiting for the charts to move.
      if (step === 1) await settle();
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    await settle();
    const train: SplitScores = tally.scores(lossSum / Math.max(lossCount, 1));
    const evaluated = await evaluateSplit(model, dataset, split.validation, head);
    const point: EpochPoint = { epoch, step, train, validation: evaluated.scores };
    if (evaluated.confusion) point.confusion = evaluated.confusion;
    options.onEpoch(point);
    await options.afterEpoch?.(epoch);
    if (options.earlyStopping) {
      best.offer(model, epoch, evaluated.scores.loss);
      if (epoch - best.epoch >= options.earlyStopping.patience) return 'early-stopped';
    }
    await yieldToEventLoop();
  }
  return 'completed';
}

/** Loss and scores of the model (inference mode) on `indices`. */
export async function evaluate(model: tf.LayersModel, dataset: Dataset, indices: Uint32Array, head: Head): Promise<SplitScores> {
  return (await evaluateSplit(model, dataset, indices, head)).scores;
}

/** Scores and, for classification, the confusion matrix on `indices`. */
async function evaluateSplit(model: tf.LayersModel, dataset: Dataset, indices: Uint32Array, head: Head): Promise<{ scores: SplitScores; confusion: number[][] | null }> {
  const tally = head.tally();
  let lossSum = 0;
  for (let from = 0; from < indices.length; from += EVAL_BATCH_SIZE) {
    const { xs, labels } = makeBatch(dataset, indices, from, Math.min(from + EVAL_BATCH_SIZE, indices.length));
    const [lossTotal, readout] = tf.tidy(() => {
      const outputs = model.predict(xs) as tf.Tensor;
      return [head.losses(head.targets(labels), outputs).sum(), head.readout(outputs)];
    });
    xs.dispose();
    const [lossValue, readoutValues] = await Promise.all([lossTotal.data(), readout.data()]);
    lossTotal.dispose();
    readout.dispose();
    lossSum += lossValue[0];
    tally.add(labels, readoutValues);
    await yieldToEventLoop();
  }
  return { scores: tally.scores(indices.length === 0 ? Number.NaN : lossSum / indices.length), confusion: tally.matrix() };
}

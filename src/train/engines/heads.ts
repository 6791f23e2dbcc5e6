// What differs between classification and regression in training: the
// targets, the loss, what is read back per sample, and how scores add up.
// The loop is written once against this interface.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/dataset';
import { addConfusion, confusionMatrix, macroScores } from '../../metrics/classification';
import { addRegression, emptyRegressionSums, regressionScores } from '../../metrics/regression';
import type { SplitScores } from '../../metrics/types';

/** Adds up one pass over a split, batch by batch. */
export interface Tally {
  /** Adds a batch; returns its accuracy (classification) or MSE (regression). */
  add(labels: Float32Array, readout: ArrayLike<number>): number;
  /** Scores so far; `lossMean` is the mean loss for classification (regression uses its MSE). */
  scores(lossMean: number): SplitScores;
  /** The confusion matrix so far (counts[actual][predicted]); null for regression. */
  matrix(): number[][] | null;
}

export interface Head {
  task: Dataset['task'];
  /** Targets `[batch, units]` for the loss. */
  targets(labels: Float32Array): tf.Tensor2D;
  /** Per-sample loss `[batch]`. */
  losses(targets: tf.Tensor, outputs: tf.Tensor): tf.Tensor1D;
  /** What is read back per sample `[batch]`: the class index, or the prediction in training units. */
  readout(outputs: tf.Tensor): tf.Tensor1D;
  tally(): Tally;
}

/** Targets are standardised for training; scores are reported in the target's own units. */
export interface TargetScale {
  mean: number;
  std: number;
}

/** Mean and standard deviation of the training targets (never the validation ones). */
export function targetScale(dataset: Dataset, trainIndices: Uint32Array): TargetScale {
  let sum = 0;
  let squares = 0;
  for (const i of trainIndices) {
    sum += dataset.y[i];
    squares += dataset.y[i] * dataset.y[i];
  }
  const n = Math.max(trainIndices.length, 1);
  const mean = sum / n;
  const std = Math.sqrt(Math.max(squares / n - mean * mean, 0));
  return { mean, std: std > 1e-12 ? std : 1 };
}

function classificationHead(classes: number): Head {
  return {
    task: 'classification',
    targets: (labels) => tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D),
    losses: (targets, outputs) => tf.metrics.categoricalCrossentropy(targets, outputs) as tf.Tensor1D,
    readout: (outputs) => outputs.argMax(-1) as tf.Tensor1D,
    tally() {
      const confusion = confusionMatrix([], [], classes);
      return {
        add(labels, predicted) {
          const batch = confusionMatrix(labels, predicted, classes);
          addConfusion(confusion, batch);
          return batch.reduce((sum, row, k) => sum + row[k], 0) / Math.max(labels.length, 1);
        },
        scores(lossMean) {
          const { accuracy, precision, recall, f1 } = macroScores(confusion);
          return { loss: lossMean, accuracy, precision, recall, f1 };
        },
        matrix: () => confusion.map((row) => row.slice()),
      };
    },
  };
}

function regressionHead(scale: TargetScale): Head {
  return {
    task: 'regression',
    targets: (labels) => tf.tidy(() => tf.tensor2d(labels, [labels.length, 1]).sub(scale.mean).div(scale.std) as tf.Tensor2D),
    losses: (targets, outputs) => tf.square(tf.sub(outputs, targets)).mean(-1) as tf.Tensor1D,
    readout: (outputs) => outputs.reshape([-1]) as tf.Tensor1D,
    tally() {
      const sums = emptyRegressionSums();
      return {
        add(labels, standardised) {
          const predictions = Float32Array.from(standardised, (z) => z * scale.std + scale.mean);
          const batch = addRegression(emptyRegressionSums(), labels, predictions);
          addRegression(sums, labels, predictions);
          return regressionScores(batch).mse;
        },
        scores() {
          const { mse, mae, r2 } = regressionScores(sums);
          return { loss: mse, mae, r2 };
        },
        matrix: () => null,
      };
    },
  };
}

/** The head for this dataset's task; regression needs the training split's target scale. */
export function headFor(dataset: Dataset, trainIndices: Uint32Array): Head {
  return dataset.task === 'classification'
    ? classificationHead(dataset.classes.length)
    : regressionHead(targetScale(dataset, trainIndices));
}

/** One training batch: loss (and, for classification, accuracy) of that batch alone. */
export interface BatchPoint {
  /** Global batch counter from 1 over the whole run. */
  step: number;
  epoch: number;
  /** Samples in this batch (the last batch of an epoch may be short). */
  size: number;
  /** Cross-entropy (classification) or mean squared error in the target's units (regression). */
  loss: number;
  /** Classification only. */
  accuracy?: number;
}

/**
 * Scores of one pass over a data split. Classification fills accuracy,
 * precision, recall and F1 (macro); regression fills MAE and R², and its
 * loss is the mean squared error.
 */
export interface SplitScores {
  loss: number;
  accuracy?: number;
  precision?: number;
  recall?: number;
  f1?: number;
  mae?: number;
  r2?: number;
}

export type ScoreKey = keyof SplitScores;

/** End-of-epoch metrics for training (running, over the epoch's batches) and validation. */
export interface EpochPoint {
  /** Epoch number from 1. */
  epoch: number;
  step: number;
  train: SplitScores;
  validation: SplitScores;
  /** Validation confusion matrix, counts[actual][predicted] (classification only). */
  confusion?: number[][];
}

/**
 * A validation check between epoch ends (a sweep member's steps to its
 * target, read at batch resolution): the validation scores after `step`.
 */
export interface ProbePoint {
  epoch: number;
  step: number;
  validation: SplitScores;
}

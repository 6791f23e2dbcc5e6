/** One training batch: loss and accuracy of that batch alone. */
export interface BatchPoint {
  /** Global batch counter from 1 over the whole run. */
  step: number;
  epoch: number;
  /** Samples in this batch (the last batch of an epoch may be short). */
  size: number;
  loss: number;
  accuracy: number;
}

/** Scores of one pass over a data split. */
export interface SplitScores {
  loss: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

/** End-of-epoch metrics for training (running, over the epoch's batches) and validation. */
export interface EpochPoint {
  /** Epoch number from 1. */
  epoch: number;
  step: number;
  train: SplitScores;
  validation: SplitScores;
}

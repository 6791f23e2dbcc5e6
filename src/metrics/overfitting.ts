// Plain-words signals for the overfitting lab, from the epoch curves.
import type { EpochPoint } from './types';

/** Epochs in a row that count as "several". */
export const MEMORISING_EPOCHS = 3;

/** The epoch with the lowest validation loss, or null before the first. */
export function bestEpoch(epochs: readonly EpochPoint[]): EpochPoint | null {
  let best: EpochPoint | null = null;
  for (const point of epochs) if (Number.isFinite(point.validation.loss) && (best === null || point.validation.loss < best.validation.loss)) best = point;
  return best;
}

/**
 * True when, over the last `run` epochs, validation loss rose every epoch
 * while training loss fell every epoch: the model is memorising.
 */
export function isMemorising(epochs: readonly EpochPoint[], run = MEMORISING_EPOCHS): boolean {
  if (epochs.length < run + 1) return false;
  const tail = epochs.slice(-(run + 1));
  for (let i = 1; i < tail.length; i++) {
    if (!(tail[i].validation.loss > tail[i - 1].validation.loss)) return false;
    if (!(tail[i].train.loss < tail[i - 1].train.loss)) return false;
  }
  return true;
}

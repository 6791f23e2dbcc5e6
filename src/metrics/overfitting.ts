// Plain-words signals for the overfitting lab, from the epoch curves.
import type { EpochPoint } from './types';

/** Epochs in a row that count as "several". */
export const MEMORISING_EPOCHS = 3;

/** The epoch with the lowest validation loss, or null before the first. */
export function bestEpoch(epochs: readonly EpochPoint[]): EpochPoint | null {
  let best: EpochPoint | null = null;
  for (const point of epochs)
    if (Number.isFinite(point.validation.loss) && (best === null || point.validation.loss < best.validation.loss)) best = point;
  return best;
}

/** How far above its best validation loss must end to count as rising (5 %). */
export const MEMORISING_RISE = 0.05;

/**
 * True when validation loss has stayed above its best for the last `run`
 * epochs and ends clearly higher (by MEMORISING_RISE) and above the training
 * loss, while training loss kept falling since that best epoch: the model is
 * memorising the training set.
 */
export function isMemorising(epochs: readonly EpochPoint[], run = MEMORISING_EPOCHS): boolean {
  const best = bestEpoch(epochs);
  if (!best || epochs.length === 0) return false;
  const last = epochs[epochs.length - 1];
  return (
    last.epoch - best.epoch >= run &&
    last.validation.loss > best.validation.loss * (1 + MEMORISING_RISE) &&
    last.validation.loss > last.train.loss &&
    last.train.loss < best.train.loss
  );
}

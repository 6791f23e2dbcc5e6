// Which epoch a run's model stands for. Pure.
import type { EpochPoint } from './types';

/**
 * The epoch whose weights the model now has: the one early stopping put back
 * (once it has), else the latest; null before any epoch. Readouts, the
 * confusion matrix, the history and the sweep table describe this model,
 * not merely the last epoch trained.
 */
export function keptEpoch(run: { epochs: readonly EpochPoint[]; restoredEpoch: number | null }): EpochPoint | null {
  const restored = run.restoredEpoch === null ? undefined : run.epochs.find((point) => point.epoch === run.restoredEpoch);
  return restored ?? run.epochs[run.epochs.length - 1] ?? null;
}

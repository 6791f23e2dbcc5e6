// The live curves stay bounded: a tiny net on the fused engine ends
// thousands of epochs a second, and copying an ever-growing list into the
// store every frame made garbage (and garbage collection pauses) grow with
// the run. When a list reaches its cap, all but its newest eighth is
// resampled to half the cap, evenly along the x axis (epoch or step), so the
// curve keeps an even density over the whole run; the epoch with the lowest
// validation loss (which early stopping restores and the loss chart marks)
// is always kept, and the newest points stay as they came.
import type { BatchPoint, EpochPoint } from '../metrics/types';

export const MAX_LIVE_EPOCHS = 4000;
export const MAX_LIVE_BATCHES = 8000;

/** Indices of about `target` points of `xs` (ascending), evenly spread along x, first and last included. */
function evenIndices(xs: readonly number[], target: number): Set<number> {
  const picked = new Set<number>();
  const first = xs[0];
  const last = xs[xs.length - 1];
  let at = 0;
  for (let k = 0; k < target; k++) {
    const x = first + ((last - first) * k) / Math.max(target - 1, 1);
    while (at < xs.length - 1 && Math.abs(xs[at + 1] - x) <= Math.abs(xs[at] - x)) at++;
    picked.add(at);
  }
  return picked;
}

function bounded<T>(all: T[], max: number, x: (item: T) => number, keep: number): T[] {
  if (all.length <= max) return all;
  const cut = all.length - Math.floor(max / 8);
  const older = all.slice(0, cut);
  const picked = evenIndices(older.map(x), Math.floor(max / 2));
  if (keep >= 0 && keep < cut) picked.add(keep);
  return [...picked]
    .sort((a, b) => a - b)
    .map((i) => older[i])
    .concat(all.slice(cut));
}

function bestIndex(epochs: readonly EpochPoint[]): number {
  let best = -1;
  for (let i = 0; i < epochs.length; i++) if (best < 0 || epochs[i].validation.loss < epochs[best].validation.loss) best = i;
  return best;
}

/** `epochs` with `more` appended, at most MAX_LIVE_EPOCHS long. */
export function appendEpochs(epochs: readonly EpochPoint[], more: readonly EpochPoint[], max = MAX_LIVE_EPOCHS): EpochPoint[] {
  const all = epochs.concat(more);
  return all.length <= max ? all : bounded(all, max, (p) => p.epoch, bestIndex(all));
}

/** `batches` with `more` appended, at most MAX_LIVE_BATCHES long. */
export function appendBatches(batches: readonly BatchPoint[], more: readonly BatchPoint[], max = MAX_LIVE_BATCHES): BatchPoint[] {
  const all = batches.concat(more);
  return all.length <= max ? all : bounded(all, max, (p) => p.step, -1);
}

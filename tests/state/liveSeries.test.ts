// The live curves stay bounded over a long run, evenly thinned, keeping the
// newest points and the epoch with the lowest validation loss.
import { describe, expect, it } from 'vitest';
import type { BatchPoint, EpochPoint } from '../../src/metrics/types';
import { appendBatches, appendEpochs } from '../../src/state/liveSeries';

const epoch = (n: number, loss: number): EpochPoint => ({ epoch: n, step: n, train: { loss }, validation: { loss } });

describe('live series', () => {
  it('keeps at most the cap of epochs, evenly, with the newest ones and the best one', () => {
    let epochs: EpochPoint[] = [];
    for (let n = 1; n <= 30_000; n += 10)
      epochs = appendEpochs(
        epochs,
        Array.from({ length: 10 }, (_, k) => epoch(n + k, n + k === 777 ? 0 : 1 + 1 / (n + k))),
        400,
      );
    expect(epochs.length).toBeLessThanOrEqual(400);
    expect(epochs.length).toBeGreaterThan(150);
    expect(epochs.at(-1)!.epoch).toBe(30_000);
    expect(epochs.some((p) => p.epoch === 777)).toBe(true);
    // Ordered, and the gaps in the older part are even (no part thinned much more than another).
    const gaps = epochs.slice(1).map((p, i) => p.epoch - epochs[i].epoch);
    expect(gaps.every((g) => g > 0)).toBe(true);
    const older = gaps.slice(0, -60).filter((g, i, all) => i > 0 && i < all.length - 1 && g > 1);
    expect(Math.max(...older) / Math.min(...older)).toBeLessThanOrEqual(4);
  });

  it('keeps at most the cap of batch points, from the first step to the last', () => {
    let batches: BatchPoint[] = [];
    for (let s = 1; s <= 5000; s++) batches = appendBatches(batches, [{ step: s, epoch: 1, size: 10, loss: 1 }], 800);
    expect(batches.length).toBeLessThanOrEqual(800);
    expect(batches[0].step).toBe(1);
    expect(batches.at(-1)!.step).toBe(5000);
  });
});

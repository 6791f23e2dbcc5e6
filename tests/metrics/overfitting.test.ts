import { describe, expect, it } from 'vitest';
import { bestEpoch, isMemorising } from '../../src/metrics/overfitting';
import type { EpochPoint } from '../../src/metrics/types';

const epochs = (pairs: [number, number][]): EpochPoint[] =>
  pairs.map(([train, validation], i) => ({ epoch: i + 1, step: (i + 1) * 10, train: { loss: train }, validation: { loss: validation } }));

describe('overfitting signals', () => {
  it('finds the epoch with the lowest validation loss', () => {
    expect(bestEpoch([])).toBeNull();
    expect(
      bestEpoch(
        epochs([
          [1, 0.9],
          [0.8, 0.7],
          [0.6, 0.75],
        ]),
      )?.epoch,
    ).toBe(2);
  });

  it('says the model memorises only after several epochs above the best validation loss while training loss falls', () => {
    // Two epochs past the best: not yet.
    expect(
      isMemorising(
        epochs([
          [1, 0.9],
          [0.8, 0.7],
          [0.6, 0.75],
          [0.5, 0.8],
        ]),
      ),
    ).toBe(false);
    // Three epochs past it, with a dip on the way: yes.
    expect(
      isMemorising(
        epochs([
          [1, 0.9],
          [0.8, 0.7],
          [0.6, 0.75],
          [0.5, 0.72],
          [0.4, 0.9],
        ]),
      ),
    ).toBe(true);
    // Training loss did not fall since the best epoch: that is not memorising.
    expect(
      isMemorising(
        epochs([
          [1, 0.9],
          [0.8, 0.7],
          [0.9, 0.75],
          [0.85, 0.8],
          [0.9, 0.9],
        ]),
      ),
    ).toBe(false);
    // A new best resets the count.
    expect(
      isMemorising(
        epochs([
          [1, 0.9],
          [0.8, 0.7],
          [0.6, 0.75],
          [0.5, 0.8],
          [0.4, 0.6],
        ]),
      ),
    ).toBe(false);
    // A rise of a few per cent, with validation still below training loss, is noise: a good model, not memorising.
    expect(
      isMemorising(
        epochs([
          [0.26, 0.032],
          [0.1, 0.036],
          [0.18, 0.035],
          [0.08, 0.034],
        ]),
      ),
    ).toBe(false);
    expect(
      isMemorising(
        epochs([
          [0.26, 0.1],
          [0.1, 0.2],
          [0.08, 0.3],
          [0.05, 0.4],
        ]),
      ),
    ).toBe(true);
  });
});

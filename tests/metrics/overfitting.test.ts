import { describe, expect, it } from 'vitest';
import { bestEpoch, isMemorising } from '../../src/metrics/overfitting';
import type { EpochPoint } from '../../src/metrics/types';

const epochs = (pairs: [number, number][]): EpochPoint[] =>
  pairs.map(([train, validation], i) => ({ epoch: i + 1, step: (i + 1) * 10, train: { loss: train }, validation: { loss: validation } }));

describe('overfitting signals', () => {
  it('finds the epoch with the lowest validation loss', () => {
    expect(bestEpoch([])).toBeNull();
    expect(bestEpoch(epochs([[1, 0.9], [0.8, 0.7], [0.6, 0.75]]))?.epoch).toBe(2);
  });

  it('says the model memorises only after several epochs of rising validation and falling training loss', () => {
    expect(isMemorising(epochs([[1, 0.9], [0.8, 0.7], [0.6, 0.75], [0.5, 0.8]]))).toBe(false);
    expect(isMemorising(epochs([[1, 0.9], [0.8, 0.7], [0.6, 0.75], [0.5, 0.8], [0.4, 0.9]]))).toBe(true);
    // Training loss rose too: that is not memorising.
    expect(isMemorising(epochs([[1, 0.9], [0.8, 0.7], [0.9, 0.75], [0.5, 0.8], [0.4, 0.9]]))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { foldAssignment, foldSplit } from '../../src/data/folds';
import { classCounts } from '../../src/data/imbalance';

// 3 classes of 50, 30 and 17 samples, in a scrambled order.
const labels = Uint8Array.from({ length: 97 }, (_, i) => ((i * 7) % 97 < 50 ? 0 : (i * 7) % 97 < 80 ? 1 : 2));

describe('k-fold cross-validation', () => {
  it('folds are disjoint and together cover every sample, for every k', () => {
    for (const k of [2, 3, 5, 10]) {
      const seen = new Uint8Array(labels.length);
      for (let fold = 1; fold <= k; fold++) {
        const split = foldSplit(labels.length, k, fold, 42, labels);
        expect(split.train.length + split.validation.length).toBe(labels.length);
        const inTrain = new Set(split.train);
        for (const i of split.validation) {
          expect(inTrain.has(i)).toBe(false);
          seen[i]++;
        }
        // Fold sizes within one of each other.
        expect(Math.abs(split.validation.length - labels.length / k)).toBeLessThan(1);
      }
      // Each sample validates in exactly one fold.
      expect([...seen].every((n) => n === 1)).toBe(true);
    }
  });

  it('stratified folds hold each class within one sample of its share; unstratified ones need not', () => {
    const k = 5;
    const totals = classCounts(
      labels,
      Uint32Array.from({ length: labels.length }, (_, i) => i),
      3,
    );
    for (let fold = 1; fold <= k; fold++) {
      const counts = classCounts(labels, foldSplit(labels.length, k, fold, 7, labels).validation, 3);
      counts.forEach((n, c) => expect(Math.abs(n - totals[c] / k)).toBeLessThan(1));
    }
    const plain = foldAssignment(labels.length, k, 7);
    expect(new Set(plain).size).toBe(k);
  });

  it('is seeded, and refuses what it cannot do', () => {
    expect([...foldAssignment(97, 5, 1, labels)]).toEqual([...foldAssignment(97, 5, 1, labels)]);
    expect([...foldAssignment(97, 5, 1, labels)]).not.toEqual([...foldAssignment(97, 5, 2, labels)]);
    expect(() => foldSplit(97, 11, 1, 1)).toThrow('k from 2 to 10');
    expect(() => foldSplit(97, 5, 6, 1)).toThrow('Fold 6 is not one of the 5 folds');
    expect(() => foldSplit(3, 5, 1, 1)).toThrow('needs at least 5 samples');
  });
});

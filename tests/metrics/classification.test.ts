import { describe, expect, it } from 'vitest';
import { confusionMatrix, macroScores, perClassScores } from '../../src/metrics/classification';

describe('confusion matrix and macro scores', () => {
  // Worked by hand. Class 2 occurs but is never predicted.
  //   actual:    0 0 0 1 1 2 2
  //   predicted: 0 0 1 1 1 0 1
  const actual = [0, 0, 0, 1, 1, 2, 2];
  const predicted = [0, 0, 1, 1, 1, 0, 1];

  it('counts actual rows against predicted columns', () => {
    expect(confusionMatrix(actual, predicted, 3)).toEqual([
      [2, 1, 0],
      [0, 2, 0],
      [1, 1, 0],
    ]);
  });

  it('scores each class; a class never predicted gets precision 0 and F1 0', () => {
    const [c0, c1, c2] = perClassScores(confusionMatrix(actual, predicted, 3));
    // class 0: TP 2, predicted 3, actual 3
    expect(c0.precision).toBeCloseTo(2 / 3, 12);
    expect(c0.recall).toBeCloseTo(2 / 3, 12);
    expect(c0.f1).toBeCloseTo(2 / 3, 12);
    // class 1: TP 2, predicted 4, actual 2 -> P 0.5, R 1, F1 2/3
    expect(c1.precision).toBeCloseTo(0.5, 12);
    expect(c1.recall).toBe(1);
    expect(c1.f1).toBeCloseTo(2 / 3, 12);
    expect(c2).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
  });

  it('macro-averages over the classes present', () => {
    const scores = macroScores(confusionMatrix(actual, predicted, 3));
    expect(scores.accuracy).toBeCloseTo(4 / 7, 12);
    expect(scores.precision).toBeCloseTo((2 / 3 + 0.5 + 0) / 3, 12);
    expect(scores.recall).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
    expect(scores.f1).toBeCloseTo((2 / 3 + 2 / 3 + 0) / 3, 12);
  });

  it('ignores a class absent from both labels and predictions', () => {
    // 10 classes, only 0 and 1 appear: as scikit-learn with labels=present.
    const scores = macroScores(confusionMatrix([0, 1, 1], [0, 1, 0], 10));
    expect(scores.f1).toBeCloseTo((2 / 3 + 2 / 3) / 2, 12);
  });

  it('is perfect on perfect predictions and zero on none', () => {
    expect(macroScores(confusionMatrix([0, 1, 2], [0, 1, 2], 3))).toEqual({ accuracy: 1, precision: 1, recall: 1, f1: 1 });
    expect(macroScores(confusionMatrix([], [], 3))).toEqual({ accuracy: 0, precision: 0, recall: 0, f1: 0 });
  });
});

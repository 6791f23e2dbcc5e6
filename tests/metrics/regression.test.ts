import { describe, expect, it } from 'vitest';
import { addRegression, emptyRegressionSums, regressionScores } from '../../src/metrics/regression';

describe('regression scores', () => {
  it('match MSE, MAE and R² worked by hand, batch by batch', () => {
    // targets 1, 2, 3, 4 (mean 2.5, total sum of squares 5); predictions off by 0.5, -0.5, 1, 0
    const sums = emptyRegressionSums();
    addRegression(sums, [1, 2], [1.5, 1.5]);
    addRegression(sums, [3, 4], [4, 4]);
    const { mse, mae, r2 } = regressionScores(sums);
    expect(mse).toBeCloseTo((0.25 + 0.25 + 1 + 0) / 4, 12);
    expect(mae).toBeCloseTo((0.5 + 0.5 + 1 + 0) / 4, 12);
    expect(r2).toBeCloseTo(1 - 1.5 / 5, 12);
  });

  it('give NaN with no samples and R² 0 for a constant target', () => {
    expect(regressionScores(emptyRegressionSums()).mse).toBeNaN();
    expect(regressionScores(addRegression(emptyRegressionSums(), [2, 2], [1, 3])).r2).toBe(0);
  });
});

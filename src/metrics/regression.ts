// Regression scores from running sums, so that batches can be added up
// without keeping every prediction.

export interface RegressionSums {
  count: number;
  squaredError: number;
  absoluteError: number;
  target: number;
  targetSquared: number;
}

export function emptyRegressionSums(): RegressionSums {
  return { count: 0, squaredError: 0, absoluteError: 0, target: 0, targetSquared: 0 };
}

/** Adds one batch of targets and predictions (same units) into `sums`. */
export function addRegression(sums: RegressionSums, targets: ArrayLike<number>, predictions: ArrayLike<number>): RegressionSums {
  if (targets.length !== predictions.length) throw new Error('targets and predictions differ in length');
  for (let i = 0; i < targets.length; i++) {
    const error = predictions[i] - targets[i];
    sums.count++;
    sums.squaredError += error * error;
    sums.absoluteError += Math.abs(error);
    sums.target += targets[i];
    sums.targetSquared += targets[i] * targets[i];
  }
  return sums;
}

/**
 * Mean squared error, mean absolute error and R² (1 - residual / total sum of
 * squares around the targets' own mean; 0 when the targets do not vary).
 */
export function regressionScores(sums: RegressionSums): { mse: number; mae: number; r2: number } {
  if (sums.count === 0) return { mse: Number.NaN, mae: Number.NaN, r2: Number.NaN };
  const total = sums.targetSquared - (sums.target * sums.target) / sums.count;
  return {
    mse: sums.squaredError / sums.count,
    mae: sums.absoluteError / sums.count,
    r2: total > 1e-12 ? 1 - sums.squaredError / total : 0,
  };
}

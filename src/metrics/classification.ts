// Classification metrics computed in plain TypeScript from labels and
// predictions, so they can be tested against hand-computed values.

/** counts[actual][predicted] */
export type ConfusionMatrix = number[][];

/** Builds a classes x classes confusion matrix. */
export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): ConfusionMatrix {
  if (actual.length !== predicted.length) throw new Error('actual and predicted differ in length');
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < actual.length; i++) matrix[actual[i]][predicted[i]]++;
  return matrix;
}

/** Adds `other` into `into` (same size) and returns `into`. */
export function addConfusion(into: ConfusionMatrix, other: ConfusionMatrix): ConfusionMatrix {
  for (let r = 0; r < into.length; r++) for (let c = 0; c < into.length; c++) into[r][c] += other[r][c];
  return into;
}

/** Per-class precision, recall and F1. A class never predicted has precision 0. */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Per-class scores from a confusion matrix. */
export function perClassScores(matrix: ConfusionMatrix): ClassScores[] {
  return matrix.map((row, k) => {
    const truePositive = row[k];
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((sum, r) => sum + r[k], 0);
    const precision = predicted === 0 ? 0 : truePositive / predicted;
    const recall = support === 0 ? 0 : truePositive / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, support };
  });
}

/** Accuracy and macro-averaged precision, recall and F1 over classes present in the data. */
export function macroScores(matrix: ConfusionMatrix): { accuracy: number; precision: number; recall: number; f1: number } {
  const scores = perClassScores(matrix);
  // Like scikit-learn's labels=present classes: a class with neither samples
  // nor predictions would otherwise drag the average down for nothing.
  const present = scores.filter((s, k) => s.support > 0 || matrix.some((r) => r[k] > 0));
  const total = matrix.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const correct = matrix.reduce((sum, row, k) => sum + row[k], 0);
  const mean = (pick: (s: ClassScores) => number) =>
    present.length === 0 ? 0 : present.reduce((sum, s) => sum + pick(s), 0) / present.length;
  return {
    accuracy: total === 0 ? 0 : correct / total,
    precision: mean((s) => s.precision),
    recall: mean((s) => s.recall),
    f1: mean((s) => s.f1),
  };
}

// The decision boundary of a 2-D set: the model's output over a grid of the
// plane, as grey levels, sent after each epoch.
import type { Dataset } from '../../data/dataset';

/** Grid size of the decision boundary image (TensorFlow Playground draws 100x100), and the square of the plane it covers. */
export const BOUNDARY_SIZE = 100;
export const BOUNDARY_EXTENT = 1.5;

let boundaryGrid: Float32Array | null = null;

/** The grid's points `[size * size, 2]`, row 0 at the top (largest y). */
function gridPoints(): Float32Array {
  if (boundaryGrid) return boundaryGrid;
  const n = BOUNDARY_SIZE;
  const grid = new Float32Array(n * n * 2);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const k = (row * n + col) * 2;
      grid[k] = -BOUNDARY_EXTENT + ((col + 0.5) / n) * 2 * BOUNDARY_EXTENT;
      grid[k + 1] = BOUNDARY_EXTENT - ((row + 0.5) / n) * 2 * BOUNDARY_EXTENT;
    }
  }
  boundaryGrid = grid;
  return grid;
}

/**
 * The model's output over the plane, as grey levels (0-255): the
 * probability of the last class, or the predicted value scaled between the
 * grid's own minimum and maximum. `predict` maps inputs `[n, 2]` to outputs.
 */
export async function decisionBoundary(
  predict: (values: Float32Array, count: number) => Promise<Float32Array>,
  task: Dataset['task'],
): Promise<{ values: Uint8Array; min: number; max: number }> {
  const count = BOUNDARY_SIZE * BOUNDARY_SIZE;
  const raw = await predict(gridPoints(), count);
  const units = raw.length / count;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = raw[i * units + (units - 1)];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const values = new Uint8Array(count);
  const span = Math.max(max - min, 1e-9);
  for (let i = 0; i < count; i++) {
    const v = raw[i * units + (units - 1)];
    values[i] = Math.round(task === 'classification' ? v * 255 : ((v - min) / span) * 255);
  }
  return { values, min, max };
}

import { inputScale, sampleSize, type Dataset } from '../../data/dataset';
import type { HostBatch } from './engine';

/** Samples per batch when a model is only run forward (validation, inspection): large, as no gradients are kept. */
export const EVALUATION_BATCH = 512;

/**
 * Gathers `indices[from, to)` into one host batch. Bytes are scaled to
 * [0, 1] here, per batch, so a whole data set never exists as float32.
 */
export function gatherBatch(dataset: Dataset, indices: Uint32Array, from: number, to: number): HostBatch {
  const size = sampleSize(dataset);
  const count = to - from;
  const values = new Float32Array(count * size);
  const labels = new Float32Array(count);
  const scale = inputScale(dataset);
  for (let row = 0; row < count; row++) {
    const sample = indices[from + row];
    const offset = sample * size;
    const target = row * size;
    for (let k = 0; k < size; k++) values[target + k] = dataset.x[offset + k] * scale;
    labels[row] = dataset.y[sample];
  }
  return { values, labels, count };
}

import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/dataset';
import { gatherBatch } from './hostBatch';

/** One mini-batch: inputs `[batch, ...sampleShape]` float32, and class indices or target values. */
export interface Batch {
  xs: tf.Tensor;
  labels: Float32Array;
}

/** Gathers `indices[from, to)` into a tensor batch (see gatherBatch). */
export function makeBatch(dataset: Dataset, indices: Uint32Array, from: number, to: number): Batch {
  const { values, labels, count } = gatherBatch(dataset, indices, from, to);
  return { xs: tf.tensor(values, [count, ...dataset.sampleShape], 'float32'), labels };
}

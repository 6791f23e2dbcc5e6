// Global weight decay: the penalty over every kernel.
import * as tf from '@tensorflow/tfjs';
import { trainedWeights } from '../../model/build';

/** The sum of squares of every kernel (dense and conv weights, not biases; frozen layers left out). */
export function kernelSquares(model: tf.LayersModel): tf.Scalar {
  const kernels = trainedWeights(model).filter((w) => /kernel$/.test(w.originalName));
  if (kernels.length === 0) return tf.scalar(0);
  return tf.addN(kernels.map((k) => tf.sum(tf.square(k.read())))) as tf.Scalar;
}

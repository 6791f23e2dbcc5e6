// Global weight decay: the penalty over every kernel.
import * as tf from '@tensorflow/tfjs';

/** The sum of squares of every kernel (dense and conv weights, not biases). */
export function kernelSquares(model: tf.LayersModel): tf.Scalar {
  const kernels = model.trainableWeights.filter((w) => /kernel$/.test(w.originalName));
  return tf.addN(kernels.map((k) => tf.sum(tf.square(k.read())))) as tf.Scalar;
}

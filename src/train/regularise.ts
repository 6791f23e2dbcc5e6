// Early stopping's memory of the best weights, and global weight decay.
import * as tf from '@tensorflow/tfjs';

/** Copies of the weights at the epoch with the lowest validation loss so far. */
export class BestWeights {
  epoch = 0;
  loss = Number.POSITIVE_INFINITY;
  private weights: tf.Tensor[] = [];

  /** Keeps a copy of the weights if `loss` is the lowest yet; true when it is. */
  offer(model: tf.LayersModel, epoch: number, loss: number): boolean {
    if (!(loss < this.loss)) return false;
    this.dispose();
    this.weights = model.getWeights().map((w) => tf.clone(w));
    this.epoch = epoch;
    this.loss = loss;
    return true;
  }

  /** Puts the kept weights back; false when there is nothing to restore. */
  restore(model: tf.LayersModel): boolean {
    if (this.weights.length === 0) return false;
    model.setWeights(this.weights);
    return true;
  }

  dispose(): void {
    for (const w of this.weights) w.dispose();
    this.weights = [];
  }
}

/** The sum of squares of every kernel (dense and conv weights, not biases). */
export function kernelSquares(model: tf.LayersModel): tf.Scalar {
  const kernels = model.trainableWeights.filter((w) => /kernel$/.test(w.originalName));
  return tf.addN(kernels.map((k) => tf.sum(tf.square(k.read())))) as tf.Scalar;
}

import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from '../config/experiment';
import { ZeilerAdadelta } from './adadelta';

/** The main parameters of each optimizer, with Keras's defaults. */
export const OPTIMIZER_DEFAULTS = {
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  rho: 0.9,
  adadeltaRho: 0.95,
  epsilon: 1e-7,
} as const;

/** An optimizer whose learning rate can be changed between batches. */
export interface TunableOptimizer {
  optimizer: tf.Optimizer;
  setLearningRate(learningRate: number): void;
}

/** Builds the named optimizer; `setLearningRate` takes effect at the next batch. */
export function createOptimizer(name: OptimizerName, learningRate: number): TunableOptimizer {
  const d = OPTIMIZER_DEFAULTS;
  const optimizer = ((): tf.Optimizer => {
    switch (name) {
      case 'sgd':
        return tf.train.sgd(learningRate);
      case 'momentum':
        return tf.train.momentum(learningRate, d.momentum);
      case 'adam':
        return tf.train.adam(learningRate, d.beta1, d.beta2, d.epsilon);
      case 'rmsprop':
        return tf.train.rmsprop(learningRate, d.rho, 0, d.epsilon);
      case 'adadelta':
        return new ZeilerAdadelta(learningRate, d.adadeltaRho, d.epsilon);
      case 'adamax':
        return tf.train.adamax(learningRate, d.beta1, d.beta2, d.epsilon);
      case 'adagrad':
        return tf.train.adagrad(learningRate);
    }
  })();
  return {
    optimizer,
    // Every tfjs optimizer reads `this.learningRate` on each update (SGD
    // through setLearningRate, which also refreshes its cached scalar).
    setLearningRate(value: number) {
      const target = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
      if (typeof target.setLearningRate === 'function') target.setLearningRate(value);
      else target.learningRate = value;
    },
  };
}

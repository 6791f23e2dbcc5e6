import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from '../../config/experiment';
import type { OptimizerParams } from '../../config/optimizerParams';
import { ZeilerAdadelta } from './adadelta';

/** An optimizer whose learning rate can be changed between batches. */
export interface TunableOptimizer {
  optimizer: tf.Optimizer;
  setLearningRate(learningRate: number): void;
}

/** Builds the named optimizer; `setLearningRate` takes effect at the next batch. */
export function createOptimizer(name: OptimizerName, learningRate: number, p: OptimizerParams): TunableOptimizer {
  const optimizer = ((): tf.Optimizer => {
    switch (name) {
      case 'sgd':
        return tf.train.sgd(learningRate);
      case 'momentum':
        return tf.train.momentum(learningRate, p.momentum);
      case 'adam':
        return tf.train.adam(learningRate, p.beta1, p.beta2, p.epsilon);
      case 'rmsprop':
        return tf.train.rmsprop(learningRate, p.rho, p.momentum, p.epsilon);
      case 'adadelta':
        return new ZeilerAdadelta(learningRate, p.rho, p.epsilon);
      case 'adamax':
        return tf.train.adamax(learningRate, p.beta1, p.beta2, p.epsilon);
      case 'adagrad':
        return tf.train.adagrad(learningRate, p.initialAccumulator);
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

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIMIZERS, type OptimizerName } from '../../src/config/experiment';
import { defaultOptimizerParams, type OptimizerParams } from '../../src/config/optimizerParams';
import { createOptimizer } from '../../src/train/engines/optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The tfjs CPU backend's epsilon, which Adagrad adds under its square root. */
const BACKEND_EPSILON = 1e-7;

/** Minimises (w - 3)^2 from w = 0 with our optimizer and returns w after each step. */
async function trajectory(
  name: OptimizerName,
  learningRate: number,
  steps: number,
  params = defaultOptimizerParams(name),
): Promise<number[]> {
  const w = tf.variable(tf.scalar(0));
  const { optimizer } = createOptimizer(name, learningRate, params);
  const values: number[] = [];
  for (let i = 0; i < steps; i++) {
    optimizer.minimize(() => w.sub(3).square() as tf.Scalar);
    values.push((await w.data())[0]);
  }
  optimizer.dispose();
  w.dispose();
  return values;
}

/**
 * The same problem worked by hand from each method's published update rule
 * (gradient g = 2(w - 3)), in plain numbers.
 */
function reference(name: OptimizerName, lr: number, steps: number, p: OptimizerParams): number[] {
  let w = 0;
  let a = 0; // momentum / first moment / squared-gradient average
  let b = 0; // second moment / infinity norm / moment / update average
  let acc = p.initialAccumulator;
  const out: number[] = [];
  for (let t = 1; t <= steps; t++) {
    const g = 2 * (w - 3);
    switch (name) {
      case 'sgd':
        w -= lr * g;
        break;
      case 'momentum': // v = m v + g; w -= lr v
        a = p.momentum * a + g;
        w -= lr * a;
        break;
      case 'adam': {
        // Kingma & Ba (2015), with epsilon added to the bias-corrected root.
        a = p.beta1 * a + (1 - p.beta1) * g;
        b = p.beta2 * b + (1 - p.beta2) * g * g;
        const mHat = a / (1 - p.beta1 ** t);
        const vHat = b / (1 - p.beta2 ** t);
        w -= (lr * mHat) / (Math.sqrt(vHat) + p.epsilon);
        break;
      }
      case 'rmsprop': // Hinton's lecture 6e, with momentum on the scaled step
        a = p.rho * a + (1 - p.rho) * g * g;
        b = p.momentum * b + (lr * g) / Math.sqrt(a + p.epsilon);
        w -= b;
        break;
      case 'adadelta': {
        // Zeiler (2012), Algorithm 1, scaled by the learning rate.
        a = p.rho * a + (1 - p.rho) * g * g;
        const dx = (-Math.sqrt(b + p.epsilon) / Math.sqrt(a + p.epsilon)) * g;
        b = p.rho * b + (1 - p.rho) * dx * dx;
        w += lr * dx;
        break;
      }
      case 'adamax': // Kingma & Ba (2015), section 7.1
        a = p.beta1 * a + (1 - p.beta1) * g;
        b = Math.max(p.beta2 * b, Math.abs(g));
        w -= (lr / (1 - p.beta1 ** t)) * (a / (b + p.epsilon));
        break;
      case 'adagrad': // Duchi et al. (2011)
        acc += g * g;
        w -= (lr * g) / Math.sqrt(acc + BACKEND_EPSILON);
        break;
    }
    out.push(w);
  }
  return out;
}

/** Parameters away from the defaults, so that a parameter that is ignored shows. */
const UNUSUAL: OptimizerParams = { momentum: 0.5, beta1: 0.8, beta2: 0.95, rho: 0.7, epsilon: 1e-3, initialAccumulator: 0.5 };

describe('every optimizer matches its update rule worked by hand', () => {
  it.each(OPTIMIZERS)('%s with default parameters', async (name) => {
    const lr = name === 'adadelta' ? 1 : 0.05;
    const params = defaultOptimizerParams(name);
    const actual = await trajectory(name, lr, 4, params);
    reference(name, lr, 4, params).forEach((expected, i) => expect(actual[i], `step ${i + 1}`).toBeCloseTo(expected, 5));
  });

  it.each(OPTIMIZERS)('%s with its parameters changed', async (name) => {
    const lr = name === 'adadelta' ? 1 : 0.05;
    const actual = await trajectory(name, lr, 4, UNUSUAL);
    reference(name, lr, 4, UNUSUAL).forEach((expected, i) => expect(actual[i], `step ${i + 1}`).toBeCloseTo(expected, 5));
  });
});

describe('Adadelta follows Zeiler (2012)', () => {
  it('takes a tiny first step, unlike tfjs 4.22 (which jumps 0 -> 6)', async () => {
    // By hand, rho 0.95, eps 1e-7, g = 2(w - 3) = -6:
    //   Eg2 = 0.05 * 36 = 1.8; dx = sqrt(1e-7) / sqrt(1.8 + 1e-7) * 6 = 1.4142e-3
    const [first, second] = await trajectory('adadelta', 1, 2);
    expect(first).toBeCloseTo((Math.sqrt(1e-7) / Math.sqrt(1.8 + 1e-7)) * 6, 6);
    // Step 2: EdX2 = 0.05 * dx1^2; Eg2 = 0.95*1.8 + 0.05*g2^2.
    const dx1 = first;
    const g2 = 2 * (dx1 - 3);
    const eg2 = 0.95 * 1.8 + 0.05 * g2 * g2;
    const edx2 = 0.05 * dx1 * dx1;
    expect(second).toBeCloseTo(dx1 - (Math.sqrt(edx2 + 1e-7) / Math.sqrt(eg2 + 1e-7)) * g2, 6);
  });
});

describe('every optimizer', () => {
  it.each(OPTIMIZERS)('%s honours a new learning rate at the next update', async (name) => {
    const w = tf.variable(tf.scalar(0));
    const tunable = createOptimizer(name, 0.01, defaultOptimizerParams(name));
    tunable.setLearningRate(0);
    tunable.optimizer.minimize(() => w.sub(3).square() as tf.Scalar);
    // A learning rate of 0 must leave the weight where it was.
    expect((await w.data())[0]).toBe(0);
    tunable.optimizer.dispose();
    w.dispose();
  });
});

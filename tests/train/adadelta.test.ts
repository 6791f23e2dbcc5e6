import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIMIZERS } from '../../src/config/experiment';
import { createOptimizer } from '../../src/train/optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Minimises (w - 3)^2 from w = 0 and returns w after each step. */
async function trajectory(name: (typeof OPTIMIZERS)[number], learningRate: number, steps: number): Promise<number[]> {
  const w = tf.variable(tf.scalar(0));
  const { optimizer } = createOptimizer(name, learningRate);
  const values: number[] = [];
  for (let i = 0; i < steps; i++) {
    optimizer.minimize(() => w.sub(3).square() as tf.Scalar);
    values.push((await w.data())[0]);
  }
  optimizer.dispose();
  w.dispose();
  return values;
}

describe('Adadelta follows Zeiler (2012)', () => {
  it('takes a tiny first step, unlike tfjs 4.22 (which jumps 0 -> 6)', async () => {
    // By hand, rho 0.95, eps 1e-7, g = 2(w - 3) = -6:
    //   Eg2 = 0.05 * 36 = 1.8; dx = sqrt(1e-7) / sqrt(1.8 + 1e-7) * 6 = 1.4142e-3
    const [first, second] = await trajectory('adadelta', 1, 2);
    expect(first).toBeCloseTo(Math.sqrt(1e-7) / Math.sqrt(1.8 + 1e-7) * 6, 6);
    // Step 2: EdX2 = 0.05 * dx1^2; Eg2 = 0.95*1.8 + 0.05*g2^2.
    const dx1 = first;
    const g2 = 2 * (dx1 - 3);
    const eg2 = 0.95 * 1.8 + 0.05 * g2 * g2;
    const edx2 = 0.05 * dx1 * dx1;
    expect(second).toBeCloseTo(dx1 - (Math.sqrt(edx2 + 1e-7) / Math.sqrt(eg2 + 1e-7)) * g2, 6);
  });
});

describe('every optimizer', () => {
  it.each(OPTIMIZERS)('%s moves w toward 3 and honours a new learning rate', async (name) => {
    const values = await trajectory(name, name === 'adadelta' ? 1 : 0.05, 20);
    expect(values[19]).toBeGreaterThan(0);
    expect(Math.abs(values[19] - 3)).toBeLessThan(3);
    const w = tf.variable(tf.scalar(0));
    const tunable = createOptimizer(name, 0.01);
    tunable.setLearningRate(0);
    tunable.optimizer.minimize(() => w.sub(3).square() as tf.Scalar);
    // A learning rate of 0 must leave the weight where it was.
    expect((await w.data())[0]).toBe(0);
    tunable.optimizer.dispose();
    w.dispose();
  });
});

// The backpropagation lesson's claim: with plain SGD, one step changes each
// weight by exactly −learning rate × its gradient (so the picture of the
// change is the gradient, drawn), on both engines the page trains it with.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backprop } from '../../src/lessons/backprop';
import { presetConfig } from '../../src/lessons/preset';
import { inputScale } from '../../src/data/dataset';
import { buildEngine } from '../../src/train/engines/build';
import { trainingData } from '../../src/train/data/dataSources';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['cpu', 'fused'] as const)('one SGD step of the backpropagation lesson on %s', (engineName) => {
  it('moves every weight by −learning rate × its gradient (from tf.grads on the same batch)', async () => {
    const { config } = presetConfig(backprop.steps[0].preset);
    expect(config.optimizer).toBe('sgd');
    const { dataset, split } = await trainingData(config, 'https://local.invalid/');
    const built = await buildEngine(engineName, config, dataset, split.train);
    try {
      const indices = Array.from(split.train.subarray(0, config.batchSize));
      const width = dataset.sampleShape[0];
      const scale = inputScale(dataset);
      const values = Float32Array.from(
        indices.flatMap((i) => Array.from(dataset.x.subarray(i * width, (i + 1) * width), (v) => v * scale)),
      );
      const labels = Float32Array.from(indices, (i) => dataset.y[i]);
      // The gradient of the batch's mean cross-entropy at the starting weights, by tfjs's autodiff.
      const variables = built.model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { grads } = tf.variableGrads(() => {
        const probabilities = built.model.apply(tf.tensor2d(values, [indices.length, width])) as tf.Tensor2D;
        const picked = tf.sum(tf.mul(probabilities, tf.oneHot(tf.tensor1d(labels, 'int32'), dataset.classes.length)), 1);
        return tf.neg(tf.mean(tf.log(picked))) as tf.Scalar;
      }, variables);
      const gradients = await Promise.all(variables.map((v) => grads[v.name].data()));
      const before = await built.engine.readWeights();
      await built.engine.trainStep({ values, labels, count: indices.length }, 1);
      const after = await built.engine.readWeights();
      let largest = 0;
      before.forEach((weights, k) =>
        weights.forEach((w, i) => {
          const change = after[k][i] - w;
          largest = Math.max(largest, Math.abs(change));
          expect(change).toBeCloseTo(-config.learningRate * gradients[k][i], 5);
        }),
      );
      // Something moved: the check is not of a step that did nothing.
      expect(largest).toBeGreaterThan(1e-3);
      tf.dispose(Object.values(grads));
    } finally {
      built.dispose();
    }
  });
});

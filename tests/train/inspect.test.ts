import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomSplit } from '../../src/data/split';
import { generateSynthetic } from '../../src/data/synthetic';
import { buildModel } from '../../src/model/build';
import { headFor } from '../../src/train/engines/heads';
import { BOUNDARY_SIZE, decisionBoundary } from '../../src/train/insight/boundary';
import { inspect } from '../../src/train/insight/inspect';
import { setup, trainBlobs } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('inspecting a model', () => {
  it('lists validation samples worst first, filtered to mistakes or to one matrix cell', async () => {
    // An untrained model makes plenty of mistakes.
    const { model, dataset, split } = setup();
    const target = { model, dataset, split, head: headFor(dataset, split.train) };
    const all = await inspect(target, { kind: 'samples', actual: null, predicted: null, mistakesOnly: false, limit: 1000 });
    if (all.kind !== 'samples') throw new Error('expected samples');
    expect(all.matching).toBe(split.validation.length);
    // Worst first: the probability given to the true class rises down the list.
    const truth: number[] = [];
    for (const item of all.items.slice(0, 10)) {
      const answer = await inspect(target, { kind: 'predict', input: Array.from(dataset.x.subarray(item.index * 2, item.index * 2 + 2)) });
      if (answer.kind === 'predict') truth.push(answer.outputs[item.actual]);
    }
    for (let i = 1; i < truth.length; i++) expect(truth[i]).toBeGreaterThanOrEqual(truth[i - 1] - 1e-6);
    const mistakes = await inspect(target, { kind: 'samples', actual: null, predicted: null, mistakesOnly: true, limit: 1000 });
    if (mistakes.kind !== 'samples') throw new Error('expected samples');
    expect(mistakes.items.every((item) => item.actual !== item.predicted)).toBe(true);
    expect(mistakes.matching).toBeLessThan(all.matching);
    const { actual, predicted } = mistakes.items[0];
    const cell = await inspect(target, { kind: 'samples', actual, predicted, mistakesOnly: false, limit: 5 });
    if (cell.kind !== 'samples') throw new Error('expected samples');
    expect(cell.items.length).toBeLessThanOrEqual(5);
    expect(cell.items.every((item) => item.actual === actual && item.predicted === predicted)).toBe(true);
    model.dispose();
  });

  it('lists regression rows with their predicted values, the largest error first', async () => {
    const dataset = generateSynthetic({ shape: 'plane', count: 60, noise: 0, seed: 1 });
    const split = randomSplit(dataset.count, 0.5, 1);
    const model = buildModel([{ kind: 'dense', units: 4, activation: 'tanh' }], [2], { units: 1, activation: 'linear' }, 1);
    const target = { model, dataset, split, head: headFor(dataset, split.train) };
    const result = await inspect(target, { kind: 'samples', actual: null, predicted: null, mistakesOnly: false, limit: 100 });
    if (result.kind !== 'samples') throw new Error('expected samples');
    expect(result.matching).toBe(30);
    const errors = result.items.map((item) => Math.abs(item.predicted - item.actual));
    for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThanOrEqual(errors[i - 1]);
    expect(result.items[0].actual).toBe(dataset.y[result.items[0].index]);
    model.dispose();
  });

  it('predicts one input and draws the decision boundary over the plane', async () => {
    await trainBlobs(
      { epochs: 2 },
      {
        after: async ({ model, dataset, split }) => {
          const target = { model, dataset, split, head: headFor(dataset, split.train) };
          const result = await inspect(target, { kind: 'predict', input: [-2, -2] });
          if (result.kind !== 'predict') throw new Error('expected a prediction');
          expect(result.outputs).toHaveLength(3);
          expect(result.outputs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          expect(result.outputs.indexOf(Math.max(...result.outputs))).toBe(0);
          const boundary = await decisionBoundary(
            async (values, count) => (model.predict(tf.tensor2d(values, [count, 2])) as tf.Tensor).data() as Promise<Float32Array>,
            'classification',
          );
          expect(boundary.values).toHaveLength(BOUNDARY_SIZE * BOUNDARY_SIZE);
          expect(boundary.values.every((v) => v >= 0 && v <= 255)).toBe(true);
          await expect(inspect(target, { kind: 'predict', input: [1, 2, 3] })).rejects.toThrow(/3 values; the model takes 2/);
        },
      },
    );
  });
});

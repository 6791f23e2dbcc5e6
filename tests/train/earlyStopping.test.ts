import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EpochPoint } from '../../src/metrics/types';
import { headFor } from '../../src/train/engines/heads';
import { evaluate } from '../../src/train/run/loop';
import { trainBlobs, type Fixture } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Gives every validation sample the wrong label, so validation loss rises as training succeeds. */
function poisonValidation({ dataset, split }: Fixture): void {
  const y = dataset.y as Uint8Array;
  for (const i of split.validation) y[i] = (y[i] + 1) % 3;
}

async function kernelNorm(model: tf.LayersModel): Promise<number> {
  const squares = model.trainableWeights
    .filter((w) => w.originalName.endsWith('kernel'))
    .map((w) => tf.sum(tf.square(w.read())).dataSync()[0]);
  return Math.sqrt(squares.reduce((a, b) => a + b, 0));
}

describe('early stopping', () => {
  it('stops after `patience` epochs without a better validation loss and restores the best weights', async () => {
    const epochs: EpochPoint[] = [];
    const restored: number[] = [];
    let lossAfter = Number.NaN;
    const result = await trainBlobs(
      { epochs: 30, earlyStopping: { patience: 2 }, onEpoch: (p) => epochs.push(p), onRestoreBest: (e) => restored.push(e) },
      {
        before: poisonValidation,
        after: async ({ model, dataset, split }) => {
          lossAfter = (await evaluate(model, dataset, split.validation, headFor(dataset, split.train))).loss;
        },
      },
    );
    expect(result).toBe('early-stopped');
    const losses = epochs.map((e) => e.validation.loss);
    const bestEpoch = losses.indexOf(Math.min(...losses)) + 1;
    expect(epochs.length).toBe(bestEpoch + 2);
    expect(restored).toEqual([bestEpoch]);
    // The model left behind is the one of the best epoch, not the last.
    expect(lossAfter).toBeCloseTo(losses[bestEpoch - 1], 5);
    expect(lossAfter).toBeLessThan(losses[losses.length - 1]);
  });

  it('runs every epoch when validation keeps improving, and still ends on the best weights', async () => {
    const epochs: EpochPoint[] = [];
    const restored: number[] = [];
    const result = await trainBlobs({
      epochs: 3,
      earlyStopping: { patience: 5 },
      onEpoch: (p) => epochs.push(p),
      onRestoreBest: (e) => restored.push(e),
    });
    expect(result).toBe('completed');
    expect(epochs).toHaveLength(3);
    const losses = epochs.map((e) => e.validation.loss);
    expect(restored).toEqual([losses.indexOf(Math.min(...losses)) + 1]);
  });

  it('is off unless asked for', async () => {
    const restored: number[] = [];
    const epochs: EpochPoint[] = [];
    const result = await trainBlobs(
      { epochs: 4, onEpoch: (p) => epochs.push(p), onRestoreBest: (e) => restored.push(e) },
      { before: poisonValidation },
    );
    expect(result).toBe('completed');
    expect(epochs).toHaveLength(4);
    expect(restored).toEqual([]);
  });
});

describe('global weight decay', () => {
  it('adds the L2 penalty to the loss and shrinks the kernels', async () => {
    const run = async (weightDecay: number) => {
      let norm = 0;
      const epochs: EpochPoint[] = [];
      await trainBlobs(
        { epochs: 3, weightDecay, onEpoch: (p) => epochs.push(p) },
        { after: async ({ model }) => void (norm = await kernelNorm(model)) },
      );
      return { norm, trainLoss: epochs[2].train.loss, accuracy: epochs[2].validation.accuracy };
    };
    const plain = await run(0);
    const decayed = await run(0.05);
    expect(decayed.norm).toBeLessThan(plain.norm * 0.8);
    // The reported training loss includes the penalty.
    expect(decayed.trainLoss).toBeGreaterThan(plain.trainLoss);
    expect(decayed.accuracy).toBeGreaterThan(0.9);
  });
});

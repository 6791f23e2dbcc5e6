// A small separable problem that trains in milliseconds on the CPU backend.
import type { Dataset } from '../../src/data/dataset';
import { stratifiedSplit } from '../../src/data/split';
import { createRng } from '../../src/lib/rng';
import { buildModel } from '../../src/model/build';
import { defaultOptimizerParams } from '../../src/config/optimizerParams';
import { RunControl } from '../../src/train/run/control';
import { trainModel, type TrainOptions } from '../../src/train/run/loop';
import { createOptimizer } from '../../src/train/engines/optimizers';

export type Fixture = ReturnType<typeof setup>;

/** Three well-separated Gaussian blobs in 2-D: a model should reach ~100 %. */
export function blobs(count: number, seed: number): Dataset {
  const rng = createRng(seed);
  const centres = [
    [-2, -2],
    [2, -2],
    [0, 2],
  ];
  const x = new Float32Array(count * 2);
  const y = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const c = i % 3;
    y[i] = c;
    x[2 * i] = centres[c][0] + (rng.next() - 0.5);
    x[2 * i + 1] = centres[c][1] + (rng.next() - 0.5);
  }
  return { name: 'blobs', task: 'classification', x, y, count, sampleShape: [2], classes: ['a', 'b', 'c'] };
}

export function setup(seed = 3) {
  const dataset = blobs(300, 11);
  const split = stratifiedSplit(dataset.y, 0.2, seed);
  const model = buildModel([{ kind: 'dense', units: 8, activation: 'relu' }], [2], { units: 3, activation: 'softmax' }, seed);
  const optimizer = createOptimizer('adam', 0.05, defaultOptimizerParams('adam'));
  return { dataset, split, model, optimizer };
}

/** Trains a fresh blob classifier (batch 16, 15 batches an epoch) with `overrides`, then frees it. */
export async function trainBlobs(
  overrides: Partial<TrainOptions> & Pick<TrainOptions, 'epochs'>,
  hooks: { before?: (fixture: Fixture) => void; after?: (fixture: Fixture) => Promise<void> } = {},
) {
  const fixture = setup();
  const { dataset, split, model, optimizer } = fixture;
  hooks.before?.(fixture);
  try {
    return await trainModel({
      model,
      optimizer,
      dataset,
      split,
      batchSize: 16,
      seed: 3,
      control: new RunControl(),
      onBatch: () => undefined,
      onEpoch: () => undefined,
      ...overrides,
    });
  } finally {
    await hooks.after?.(fixture);
    model.dispose();
    optimizer.optimizer.dispose();
  }
}

// Resume after a reload: a run cut off after an epoch and continued from its
// checkpoint (weights, optimizer state, where it stood) gives the curve the
// uninterrupted run gives: exactly on the tfjs CPU backend; on the fused
// engine, which computes in float64 and checkpoints float32, to 1e-6.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type BackendName } from '../../src/config/experiment';
import { defaultOptimizerParams } from '../../src/config/optimizerParams';
import { stratifiedSplit } from '../../src/data/split';
import { checkpointBytes, readCheckpoint, type Checkpoint } from '../../src/history/checkpoint';
import type { EpochPoint } from '../../src/metrics/types';
import { buildEngine } from '../../src/train/engines/build';
import { RunControl } from '../../src/train/run/control';
import { trainModel } from '../../src/train/run/loop';
import { blobs } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dataset = blobs(300, 11);
const split = stratifiedSplit(dataset.y, 0.2, 3);
const config = {
  ...defaultConfig(),
  layers: [
    { kind: 'dense' as const, units: 8, activation: 'relu' as const },
    { kind: 'dropout' as const, rate: 0.2 },
  ],
  optimizer: 'adam' as const,
  optimizerParams: defaultOptimizerParams('adam'),
  learningRate: 0.02,
  seed: 9,
};

/** Trains `epochs` epochs (from `from`, if given), keeping the epoch points and the checkpoint after `cut`. */
async function train(backend: BackendName, epochs: number, options: { from?: Checkpoint; cut?: number; earlyStopping?: boolean } = {}) {
  // The fused engine trains dense stacks without dropout; tfjs's dropout is seeded by the step.
  const run = backend === 'fused' ? { ...config, layers: config.layers.slice(0, 1) } : config;
  const built = await buildEngine(backend, run, dataset, split.train, undefined, options.from?.state);
  const points: EpochPoint[] = [];
  let checkpoint: Checkpoint | null = null;
  try {
    await trainModel({
      engine: built.engine,
      dataset,
      split,
      batchSize: 16,
      epochs,
      seed: config.seed,
      control: new RunControl(),
      earlyStopping: options.earlyStopping ? { patience: 50 } : undefined,
      start: options.from ? { epoch: options.from.epoch, step: options.from.step, best: options.from.best } : undefined,
      onBatch: () => undefined,
      onEpoch: (point) => points.push(point),
      onEpochState: async ({ epoch, step, engine, best }) => {
        if (epoch !== options.cut) return;
        checkpoint = {
          epoch,
          step,
          backend,
          learningRate: config.learningRate,
          state: await engine.exportState(),
          ...(options.earlyStopping
            ? { best: { epoch: best.epoch, loss: best.loss, weights: best.epoch === epoch ? null : await best.weights!.read() } }
            : {}),
        };
      },
    });
  } finally {
    built.dispose();
  }
  return { points, checkpoint: checkpoint as Checkpoint | null };
}

describe('a resumed run', () => {
  for (const backend of ['cpu', 'fused'] as const) {
    it(`on ${backend} gives the uninterrupted run's curve, epoch for epoch`, async () => {
      const whole = await train(backend, 6);
      const cut = await train(backend, 6, { cut: 2 });
      expect(cut.checkpoint).not.toBeNull();
      // What IndexedDB hands back is read field by field.
      const stored = readCheckpoint(structuredClone(cut.checkpoint));
      expect(stored).not.toBeNull();
      const resumed = await train(backend, 6, { from: stored! });
      expect(resumed.points.map((p) => p.epoch)).toEqual([3, 4, 5, 6]);
      if (backend === 'cpu') expect(resumed.points).toEqual(whole.points.slice(2));
      else
        resumed.points.forEach((point, k) => {
          const then = whole.points[k + 2];
          expect(point.step).toBe(then.step);
          expect(point.validation.loss).toBeCloseTo(then.validation.loss, 6);
          expect(point.train.loss).toBeCloseTo(then.train.loss, 6);
          expect(point.validation.accuracy).toBe(then.validation.accuracy);
        });
    });
  }

  it("keeps early stopping's best epoch and its weights across the cut", async () => {
    const whole = await train('cpu', 5, { earlyStopping: true });
    const cut = await train('cpu', 5, { cut: 3, earlyStopping: true });
    const resumed = await train('cpu', 5, { from: cut.checkpoint!, earlyStopping: true });
    expect(resumed.points).toEqual(whole.points.slice(3));
  });

  it('checkpoints are read back only when every field has its type, and are sized', () => {
    const good: Checkpoint = {
      epoch: 1,
      step: 15,
      backend: 'cpu',
      learningRate: 0.1,
      state: { weights: [new Float32Array(4)], optimizer: { iterations: 15, slots: [new Float32Array(2)] } },
    };
    expect(readCheckpoint(good)).toBe(good);
    expect(checkpointBytes(good)).toBe(24);
    for (const bad of [
      null,
      { ...good, epoch: 0 },
      { ...good, backend: 'gpu' },
      { ...good, learningRate: Number.NaN },
      { ...good, state: { weights: [[1, 2]], optimizer: good.state.optimizer } },
      { ...good, best: { epoch: 1, loss: 'low', weights: null } },
    ])
      expect(readCheckpoint(bad)).toBeNull();
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchPoint, EpochPoint, ProbePoint } from '../../src/metrics/types';
import { RunControl } from '../../src/train/run/control';
import { DivergedError, trainModel } from '../../src/train/run/loop';
import { setup, trainBlobs } from './fixtures';
import { nanFrom } from '../../src/train/engines/faults';
import { headFor } from '../../src/train/engines/heads';
import { TfjsEngine } from '../../src/train/engines/tfjsEngine';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainModel on the CPU backend', () => {
  it('raises accuracy on a separable set while the tensor count stays flat', async () => {
    const { dataset, split, model, optimizer } = setup();
    const batches: BatchPoint[] = [];
    const epochs: EpochPoint[] = [];
    const tensorsAtEpochEnd: number[] = [];
    const result = await trainModel({
      model,
      optimizer,
      dataset,
      split,
      batchSize: 16,
      epochs: 6,
      seed: 3,
      control: new RunControl(),
      onBatch: (point) => batches.push(point),
      onEpoch: (point) => {
        epochs.push(point);
        tensorsAtEpochEnd.push(tf.memory().numTensors);
      },
    });
    expect(result).toBe('completed');
    expect(batches.map((b) => b.step)).toEqual(Array.from({ length: 6 * 15 }, (_, i) => i + 1));
    expect(epochs).toHaveLength(6);
    expect(epochs[5].validation.accuracy).toBeGreaterThan(0.95);
    expect(epochs[5].validation.f1).toBeGreaterThan(0.95);
    expect(epochs[5].train.loss).toBeLessThan(epochs[0].train.loss);
    // Optimizer slots are created on the first batch; after that nothing may leak.
    expect(new Set(tensorsAtEpochEnd.slice(1)).size).toBe(1);
    model.dispose();
    optimizer.optimizer.dispose();
  });

  it('checks validation every k steps until the target, leaving the curves as they were', async () => {
    const plain: EpochPoint[] = [];
    await trainBlobs({ epochs: 3, onEpoch: (point) => plain.push(point) });
    const probed: EpochPoint[] = [];
    const probes: ProbePoint[] = [];
    await trainBlobs({
      epochs: 3,
      probe: { every: 4, target: 2 },
      onProbe: (point) => probes.push(point),
      onEpoch: (point) => probed.push(point),
    });
    // 15 steps an epoch: checks at 4, 8, 12, then 16 … but none at an epoch end (15, 30, 45), which is scored anyway.
    expect(probes.map((p) => p.step)).toEqual([4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44]);
    expect(probes.every((p) => p.validation.accuracy !== undefined && Number.isFinite(p.validation.loss))).toBe(true);
    expect(probed).toEqual(plain);
    // Checks end once the target is reached.
    const until: ProbePoint[] = [];
    await trainBlobs({ epochs: 3, probe: { every: 2, target: 0.5 }, onProbe: (point) => until.push(point) });
    expect(until.length).toBeGreaterThan(0);
    expect(until.slice(0, -1).every((p) => (p.validation.accuracy ?? 0) < 0.5)).toBe(true);
    expect(until[until.length - 1].validation.accuracy).toBeGreaterThanOrEqual(0.5);
  });

  it('stops within one batch when the loss becomes NaN', async () => {
    const batches: BatchPoint[] = [];
    const { dataset, split, model, optimizer } = setup();
    // The test builds' fault: an engine whose loss is NaN from step 5 on.
    const engine = nanFrom(new TfjsEngine({ model, optimizer, dataset, head: headFor(dataset, split.train), seed: 3, weightDecay: 0 }), 5);
    expect([engine.backend, engine.synchronous]).toEqual(['cpu', false]);
    const run = trainModel({
      engine,
      dataset,
      split,
      batchSize: 16,
      epochs: 3,
      seed: 3,
      control: new RunControl(),
      onBatch: (point) => batches.push(point),
      onEpoch: () => undefined,
    });
    await expect(run).rejects.toBeInstanceOf(DivergedError);
    await expect(run).rejects.toThrow(/epoch 1, step 5/);
    expect(batches.map((b) => b.step)).toEqual([1, 2, 3, 4]);
    model.dispose();
    optimizer.optimizer.dispose();
  });

  it('stops when told, reporting every batch it trained', async () => {
    const control = new RunControl();
    const batches: BatchPoint[] = [];
    const result = await trainBlobs({
      epochs: 3,
      control,
      onBatch: (point) => {
        batches.push(point);
        if (point.step === 7) control.stop();
      },
    });
    expect(result).toBe('stopped');
    // Batch 8 was already queued when batch 7's numbers came back.
    expect(batches.map((b) => b.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('applies a new learning rate from the next batch and reports that step', async () => {
    const control = new RunControl();
    const changes: [number, number][] = [];
    await trainBlobs({
      epochs: 1,
      control,
      onBatch: (point) => {
        if (point.step === 3) control.setLearningRate(0.5);
      },
      onLearningRateChange: (step, learningRate) => changes.push([step, learningRate]),
    });
    // Batch 4 was queued before batch 3's numbers arrived, so 5 is the first to use it.
    expect(changes).toEqual([[5, 0.5]]);
  });
});

// Learning-rate schedules: the rate at given steps, against each formula
// written out by hand, and both engines following the schedule step for step.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { rateAt, scheduleCurve, type ScheduleSettings } from '../../src/config/schedule';
import { stratifiedSplit } from '../../src/data/split';
import { buildEngine } from '../../src/train/engines/build';
import type { Engine } from '../../src/train/engines/engine';
import { RunControl } from '../../src/train/run/control';
import { trainModel } from '../../src/train/run/loop';
import { blobs } from '../train/fixtures';

const at = (settings: Partial<ScheduleSettings>, step: number, perEpoch = 10, total = 100) =>
  rateAt({ schedule: 'constant', decayRate: 0.5, decayEvery: 2, warmupEpochs: 1, ...settings }, 0.1, step, perEpoch, total);

describe('learning-rate schedules', () => {
  it('give the rate of their formula at given steps', () => {
    expect([1, 50, 100].map((s) => at({}, s))).toEqual([0.1, 0.1, 0.1]);
    // Step decay: halved every 2 epochs of 10 steps.
    expect([1, 20, 21, 41, 100].map((s) => at({ schedule: 'step' }, s))).toEqual([0.1, 0.1, 0.05, 0.025, 0.1 * 0.5 ** 4]);
    // Exponential: a factor 0.5 per epoch, smoothly.
    expect(at({ schedule: 'exponential' }, 16)).toBeCloseTo(0.1 * 0.5 ** 1.5, 12);
    // Cosine with one epoch of warm-up: linear up to the rate at step 10, then 0.1 · ½(1 + cos(π t)) down to 0.
    expect(at({ schedule: 'cosine' }, 5)).toBeCloseTo(0.05, 12);
    expect(at({ schedule: 'cosine' }, 10)).toBeCloseTo(0.1, 12);
    expect(at({ schedule: 'cosine' }, 55)).toBeCloseTo(0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.5)), 12);
    expect(at({ schedule: 'cosine' }, 100)).toBeCloseTo(0, 12);
    // One-cycle: from 0.1/25 up to 0.1 at 30 % of the steps, then down to 0.1/10,000.
    expect(at({ schedule: 'onecycle' }, 30)).toBeCloseTo(0.1, 12);
    expect(at({ schedule: 'onecycle' }, 15)).toBeCloseTo(0.1 / 25 + (0.1 - 0.1 / 25) * 0.5, 12);
    expect(at({ schedule: 'onecycle' }, 100)).toBeCloseTo(0.1 / 1e4, 12);
    // Past its end (a run until stopped), a schedule holds its last rate.
    expect(at({ schedule: 'cosine' }, 500)).toBe(at({ schedule: 'cosine' }, 100));
  });

  it('draws as a curve over the run', () => {
    const curve = scheduleCurve({ schedule: 'onecycle', decayRate: 0.5, decayEvery: 1, warmupEpochs: 0 }, 0.01, 10, 200, 11);
    expect([curve.length, curve[0].step, curve[10].step]).toEqual([11, 1, 200]);
    expect(Math.max(...curve.map((p) => p.rate))).toBeLessThanOrEqual(0.01);
  });
});

describe('both engines follow the schedule, step for step', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  const dataset = blobs(300, 11);
  const split = stratifiedSplit(dataset.y, 0.2, 3);
  const settings: ScheduleSettings = { schedule: 'cosine', decayRate: 0.5, decayEvery: 1, warmupEpochs: 1 };
  for (const backend of ['cpu', 'fused'] as const) {
    it(`on ${backend}`, async () => {
      const config = {
        ...defaultConfig(),
        layers: [{ kind: 'dense' as const, units: 6, activation: 'tanh' as const }],
        optimizer: 'sgd' as const,
        learningRate: 0.1,
      };
      const built = await buildEngine(backend, config, dataset, split.train);
      const rates: number[] = [];
      const engine: Engine = new Proxy(built.engine, {
        get(target, key) {
          if (key === 'setLearningRate') return (rate: number) => (rates.push(rate), target.setLearningRate(rate));
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      await trainModel({
        engine,
        dataset,
        split,
        batchSize: 16,
        epochs: 3,
        seed: 3,
        control: new RunControl(),
        schedule: { settings, base: 0.1, epochs: 3 },
        onBatch: () => undefined,
        onEpoch: () => undefined,
      });
      built.dispose();
      // 240 training samples, batch 16: 15 steps an epoch, 45 in all; one rate per step.
      expect(rates).toHaveLength(45);
      rates.forEach((rate, k) => expect(rate).toBe(rateAt(settings, 0.1, k + 1, 15, 45)));
      expect(rates[14]).toBeCloseTo(0.1, 12);
      expect(rates[44]).toBeCloseTo(0, 12);
    });
  }
});

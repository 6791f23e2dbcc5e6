// The learning-rate finder: rates rising exponentially, a smoothed loss that
// falls and then blows up, a suggestion read from it, and nothing left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { stratifiedSplit } from '../../src/data/split';
import { rangeRates, RangeSmoother, suggestRate } from '../../src/metrics/lrRange';
import { findLearningRate, LR_FINDER } from '../../src/train/insight/lrFinder';
import { blobs } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the learning-rate range test', () => {
  it('spaces rates exponentially, smooths the loss, and stops when it blows up', () => {
    const rates = rangeRates(1e-6, 10, 8);
    expect(rates[0]).toBeCloseTo(1e-6, 18);
    expect(rates[7]).toBeCloseTo(10, 9);
    rates.slice(1).forEach((r, k) => expect(r / rates[k]).toBeCloseTo(10 ** (7 / 7), 9));
    const smoother = new RangeSmoother();
    const first = smoother.add(2);
    expect(first.smoothed).toBeCloseTo(2, 12); // bias-corrected: the first value is itself
    for (let k = 0; k < 20; k++) smoother.add(1);
    expect(smoother.add(Number.NaN).diverged).toBe(true);
  });

  it('suggests a tenth of the rate at the lowest smoothed loss, and nothing for a loss that never falls', () => {
    const points = [1, 0.8, 0.5, 0.3, 0.2, 0.4, 3].map((smoothed, k) => ({ rate: 10 ** (k - 5), loss: smoothed, smoothed }));
    expect(suggestRate(points)).toBe(0.01); // lowest at 0.1
    expect(suggestRate(points.map((p) => ({ ...p, smoothed: 1 + p.rate })))).toBeNull();
  });

  it('runs on an engine of its own: the loss falls, then blows up; a rate is suggested; no tensor is left', async () => {
    const dataset = blobs(300, 11);
    const split = stratifiedSplit(dataset.y, 0.2, 3);
    const config = {
      ...defaultConfig(),
      layers: [{ kind: 'dense' as const, units: 8, activation: 'relu' as const }],
      optimizer: 'sgd' as const,
    };
    const before = tf.memory().numTensors;
    const fractions: number[] = [];
    const result = await findLearningRate(config, dataset, split, 'cpu', {}, (f) => fractions.push(f));
    expect(tf.memory().numTensors).toBe(before);
    expect(result.backend).toBe('cpu');
    expect(result.points.length).toBeGreaterThan(50);
    expect(result.points.length).toBeLessThanOrEqual(LR_FINDER.steps);
    const lowest = result.points.reduce((a, b) => (b.smoothed < a.smoothed ? b : a));
    expect(lowest.smoothed).toBeLessThan(result.points[0].smoothed);
    expect(result.suggested).toBeGreaterThan(1e-5);
    expect(result.suggested).toBeLessThan(10);
    expect(result.suggested).toBeCloseTo(Number((lowest.rate / 10).toPrecision(2)), 12);
  });
});

import { describe, expect, it } from 'vitest';
import { downsample } from '../../src/metrics/downsample';

const series = (n: number) => Array.from({ length: n }, (_, i) => ({ step: i + 1, loss: i % 2 === 0 ? 1 : 3 }));

describe('downsample', () => {
  it('leaves short series alone', () => {
    expect(downsample(series(10), 20, 'step', ['loss'])).toEqual(series(10));
  });

  it('caps long series, averages noise and keeps the last point', () => {
    const out = downsample(series(10_000), 300, 'step', ['loss']);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out[out.length - 1]).toEqual({ step: 10_000, loss: 3 });
    // Full buckets hold as many 1s as 3s; only the short final bucket may not.
    for (const point of out.slice(0, -2)) expect(point.loss).toBeCloseTo(2, 1);
    const steps = out.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });
});

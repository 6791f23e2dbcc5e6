import { describe, expect, it } from 'vitest';
import { formatDuration, secondsLeft } from '../../src/metrics/eta';

const run = (over: Partial<Parameters<typeof secondsLeft>[0]> = {}) => ({
  status: 'running',
  epoch: 1,
  step: 10,
  stepsPerEpoch: 100,
  trainSamples: 6_400,
  samplesPerSecond: 100,
  config: { epochs: 5, untilStopped: false },
  ...over,
});

describe('time left in a run', () => {
  it('comes from the steps left and the measured speed', () => {
    // 490 steps of 64 samples at 100 samples/s.
    expect(secondsLeft(run())).toBeCloseTo((490 * 64) / 100, 6);
  });
  it('is not said for a short run, a run until stopped, or before a speed is known', () => {
    expect(secondsLeft(run({ samplesPerSecond: 10_000 }))).toBeNull();
    expect(secondsLeft(run({ config: { epochs: 5, untilStopped: true } }))).toBeNull();
    expect(secondsLeft(run({ samplesPerSecond: 0 }))).toBeNull();
    expect(secondsLeft(run({ status: 'paused' }))).toBeNull();
  });
  it('reads as seconds, minutes or hours', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(720)).toBe('12 min');
    expect(formatDuration(5400)).toBe('1.5 h');
  });
});

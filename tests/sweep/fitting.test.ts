import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { presetLayers } from '../../src/model/presets';
import { applyKnob, parseValues, valueLabel } from '../../src/sweep/plan';
import { fittingCurve, readFitting } from '../../src/sweep/reading';
import type { SweepRow } from '../../src/sweep/results';

function row(valueIndex: number, label: string, trainAccuracy: number, validationAccuracy: number): SweepRow {
  return {
    member: valueIndex,
    valueIndex,
    label,
    seed: 42,
    outcome: 'done',
    final: { loss: 0.5, accuracy: validationAccuracy },
    best: null,
    train: { loss: 0.4, accuracy: trainAccuracy },
    epochs: 10,
    steps: 100,
    toTarget: null,
    checkEvery: null,
    seconds: 1,
    samplesPerSecond: 100,
    backend: 'fused',
  };
}

describe('the fitting curve', () => {
  it('sets depth: hidden dense layers like the first, after what comes before it; 0 is a logistic regression', () => {
    const mlp = { ...defaultConfig(), layers: presetLayers('mlp') };
    expect(applyKnob(mlp, 'depth', 0).layers).toEqual([{ kind: 'flatten' }]);
    expect(applyKnob(mlp, 'depth', 3).layers).toEqual([
      { kind: 'flatten' },
      ...Array.from({ length: 3 }, () => ({ kind: 'dense', units: 128, activation: 'relu' })),
    ]);
    const none = { ...defaultConfig(), layers: [] };
    expect(applyKnob(none, 'depth', 2).layers).toEqual([
      { kind: 'dense', units: 8, activation: 'tanh' },
      { kind: 'dense', units: 8, activation: 'tanh' },
    ]);
    expect(parseValues('depth', '0, 2, 9, 1.5').problems).toEqual(['9 is outside 0–8', '1.5 is not a whole number']);
    expect(valueLabel('depth', 0)).toBe('0 (logistic regression)');
  });

  it('names the sweet spot, the underfitting small model and the overfitting large one from the numbers', () => {
    // Width ×0.125 to ×8, listed out of order: the curve sorts by size.
    const values = [8, 0.125, 1, 0.5];
    const rows = [row(0, '×8', 1, 0.8), row(1, '×0.125', 0.6, 0.58), row(2, '×1', 0.95, 0.9), row(3, '×0.5', 0.85, 0.84)];
    const points = fittingCurve(rows, 'classification', values);
    expect(points.map((p) => p.label)).toEqual(['×0.125', '×0.5', '×1', '×8']);
    expect(points[0].train).toBeCloseTo(0.4, 12);
    expect(readFitting(points, 'classification')).toEqual([
      'The sweet spot is ×1: validation error 0.100 (training error 0.050).',
      'At ×0.125 the model underfits: its training error is 0.400, so it cannot capture the pattern even in the data it learns from, and validation error is 0.420.',
      'At ×8 it overfits: training error 0.000 but validation error 0.200, a gap of 0.200.',
    ]);
    // A larger model that trains worse is not called overfitting.
    const worse = [...points.slice(0, 3), { label: '×8', value: 8, train: 0.2, validation: 0.3 }];
    expect(readFitting(worse, 'classification').at(-1)).toMatch(
      /^At ×8 validation error rises to 0.300, but training error rises too \(0.200\)/,
    );
    // The best at the largest size: underfitting only.
    expect(readFitting(points.slice(0, 3), 'classification').at(-1)).toMatch(/underfitting only/);
    expect(readFitting(points.slice(0, 2), 'classification')).toEqual(['The fitting curve is read from three model sizes or more.']);
  });
});

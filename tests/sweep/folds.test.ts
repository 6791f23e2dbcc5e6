import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { decodeSweep, encodeSweep } from '../../src/sweep/link';
import { planSweep, THIS_EXPERIMENT, type SweepSpec } from '../../src/sweep/plan';
import { foldSpread, readSweep } from '../../src/sweep/reading';
import type { SweepRow } from '../../src/sweep/results';

const spec = (over: Partial<SweepSpec>): SweepSpec => ({
  knob: 'none',
  values: [THIS_EXPERIMENT],
  seeds: 3,
  target: 0.9,
  metric: 'accuracy',
  ...over,
});

function row(fold: number, accuracy: number, valueIndex = 0): SweepRow {
  return {
    member: valueIndex * 10 + fold,
    valueIndex,
    label: valueIndex === 0 ? 'This experiment' : 'Adam',
    seed: 42,
    fold,
    outcome: 'done',
    final: { loss: 1 - accuracy, accuracy },
    best: { loss: 1 - accuracy, accuracy },
    train: { loss: 0.1, accuracy: 1 },
    epochs: 5,
    steps: 50,
    toTarget: null,
    checkEvery: null,
    seconds: 1,
    samplesPerSecond: 100,
    backend: 'cpu',
  };
}

describe('k-fold in the sweep runner', () => {
  it('plans one run per fold and value, at the same seed, each validating on its own fold (seeds ignored)', () => {
    const base = defaultConfig();
    const { members } = planSweep(base, spec({ folds: 5 }));
    expect(members).toHaveLength(5);
    expect(members.map((m) => [m.fold, m.config.folds, m.config.fold, m.seed])).toEqual(
      [1, 2, 3, 4, 5].map((f) => [f, 5, f, 42, 42].slice(0, 4)),
    );
    // Nothing else changes: "this experiment".
    expect({ ...members[2].config, folds: 0, fold: 1, pace: base.pace, untilStopped: base.untilStopped }).toEqual(base);
    const two = planSweep(base, spec({ knob: 'optimizer', values: ['sgd', 'adam'], folds: 3 })).members;
    expect(two.map((m) => `${m.value}:${m.fold}`)).toEqual(['sgd:1', 'sgd:2', 'sgd:3', 'adam:1', 'adam:2', 'adam:3']);
    // Below 2 folds: the seeds, as before.
    expect(planSweep(base, spec({ folds: 1 })).members.map((m) => m.seed)).toEqual([42, 43, 44]);
  });

  it('keeps folds in a link, and cuts a hostile count with a note', () => {
    const cv = spec({ folds: 5 });
    expect(decodeSweep(encodeSweep(cv))).toEqual({ spec: cv, notes: [] });
    expect(decodeSweep(encodeSweep(spec({}))).spec).toEqual(spec({}));
    const bad = decodeSweep('none~this~1~0.9~accuracy~99');
    expect(bad.spec?.folds).toBeUndefined();
    expect(bad.notes[0]).toMatch(/99 folds; k-fold takes 2 to 10, so it is off/);
    const many = decodeSweep('batchSize~16,32,64,128,256,512~1~0.9~accuracy~10');
    expect(many.spec?.folds).toBe(6);
    expect(many.notes[0]).toMatch(/60 runs; with 6 folds it makes 36/);
  });

  it('says how far apart the folds are, from their numbers', () => {
    const rows = [row(1, 0.9), row(2, 1), row(3, 0.95)];
    expect(foldSpread(rows, 'classification', 'accuracy')).toEqual([
      'Across 3 folds, val accuracy runs from 0.900 to 1.000 (mean 0.950 ± 0.050): fold 2 scores best and fold 1 scores worst, so one hold-out split could have reported anything in that range.',
    ]);
    expect(readSweep('none', rows, 'classification', 'accuracy', 0.9)).toEqual([]);
    expect(foldSpread([row(1, 0.9), row(2, 1), row(3, 1)], 'classification', 'accuracy')[0]).toMatch(
      /folds 2 and 3 score best and fold 1 scores worst/,
    );
    const named = foldSpread([...rows, row(1, 0.8, 1), row(2, 0.6, 1)], 'classification', 'accuracy');
    expect(named[1]).toMatch(/^Across 2 folds for Adam, val accuracy runs from 0.600 to 0.800/);
    expect(foldSpread([{ ...row(1, 0.9), fold: undefined }], 'classification', 'accuracy')).toEqual([]);
  });
});

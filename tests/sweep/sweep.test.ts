// Sweeps, the pure parts: planning values and runs (with caps), summary
// statistics, steps to a target, and the computed reading.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import type { EpochPoint } from '../../src/metrics/types';
import { MAX_SWEEP_RUNS, MAX_SWEEP_VALUES, applyKnob, parseValues, planSweep, valueRange } from '../../src/sweep/plan';
import { decodeSweep } from '../../src/sweep/link';
import { finishedTag, MIN_TIMED_SECONDS, samplesTrained, sweepEta, timedRate, type ActiveSweep } from '../../src/sweep/active';
import { bestScores, summarise, sweepRow, timeToTarget, type SweepTag } from '../../src/sweep/results';
import { readSweep, targetResolution } from '../../src/sweep/reading';
import { backendSweepWarning, longMemberWarning } from '../../src/sweep/active';

/** A sweep member's tag: optimizer knob, member 0, seed 42, unless `over` says otherwise. */
const tagOf = (over: Partial<SweepTag> = {}): SweepTag => ({
  id: 's',
  knob: 'optimizer',
  values: ['adam', 'sgd'],
  seeds: 1,
  target: 0.9,
  member: 0,
  valueIndex: 0,
  label: 'Adam',
  seed: 42,
  seconds: 2,
  samplesPerSecond: 1000,
  ...over,
});

const epoch = (n: number, accuracy: number, loss = 1 - accuracy): EpochPoint => ({
  epoch: n,
  step: n * 10,
  train: { loss, accuracy: accuracy + 0.05 },
  validation: { loss, accuracy, f1: accuracy - 0.01, precision: accuracy, recall: accuracy },
});

describe('planning', () => {
  it("reads lists and ranges, log-spaced on a log knob, and refuses values outside the setting's limits", () => {
    expect(parseValues('batchSize', '16, 64,256')).toEqual({ values: [16, 64, 256], problems: [] });
    expect(parseValues('learningRate', '0.0001..0.1 x4').values).toEqual([0.0001, 0.001, 0.01, 0.1]);
    expect(parseValues('epochs', '1..10 x4').values).toEqual([1, 4, 7, 10]);
    expect(parseValues('optimizer', 'adam, lbfgs, sgd')).toEqual({ values: ['adam', 'sgd'], problems: ['"lbfgs" is not an optimizer'] });
    expect(parseValues('trainFraction', '0, 0.5, 2').problems).toEqual(['0 is outside 0.001–1', '2 is outside 0.001–1']);
    expect(parseValues('batchSize', '16.5').problems).toEqual(['16.5 is not a whole number']);
    expect(parseValues('backend', 'auto, wasm').values).toEqual(['wasm']);
    expect(parseValues('model', '__proto__, mlp').values).toEqual(['mlp']);
    const many = parseValues('batchSize', Array.from({ length: 30 }, (_, i) => i + 1).join(','));
    expect(many.values).toHaveLength(MAX_SWEEP_VALUES);
    expect(many.problems).toContain(`only the first ${MAX_SWEEP_VALUES} values are used`);
    expect(valueRange(1, 1000, 4, true)).toEqual([1, 10, 100, 1000]);
  });

  it('plans one run per value and seed, each with its knob set, and caps the total', () => {
    const base = defaultConfig();
    const { members, capped } = planSweep(base, { knob: 'batchSize', values: [16, 64], seeds: 2, target: 0.9, metric: 'accuracy' });
    expect(members.map((m) => [m.config.batchSize, m.seed, m.valueIndex])).toEqual([
      [16, 42, 0],
      [16, 43, 0],
      [64, 42, 1],
      [64, 43, 1],
    ]);
    expect(capped).toBe(false);
    const big = planSweep(base, {
      knob: 'batchSize',
      values: Array.from({ length: 12 }, (_, i) => i + 1),
      seeds: 5,
      target: 0.9,
      metric: 'accuracy',
    });
    expect(big.members).toHaveLength(MAX_SWEEP_RUNS);
    expect(big.capped).toBe(true);
    // A hostile seed count is clamped, not obeyed.
    expect(planSweep(base, { knob: 'epochs', values: [1], seeds: 1e9, target: 0.9, metric: 'accuracy' }).members).toHaveLength(5);
  });

  it('sets each knob: an optimizer at its usual rate, a preset, widths, dropout added after dense layers', () => {
    const base = {
      ...defaultConfig(),
      layers: [{ kind: 'flatten' as const }, { kind: 'dense' as const, units: 10, activation: 'relu' as const }],
    };
    expect(applyKnob(base, 'optimizer', 'sgd')).toMatchObject({ optimizer: 'sgd', learningRate: 0.1 });
    expect(applyKnob(base, 'model', 'logistic').layers).toEqual([{ kind: 'flatten' }]);
    expect(applyKnob(base, 'width', 2.5).layers[1]).toMatchObject({ units: 25 });
    expect(applyKnob(base, 'dropout', 0.3).layers).toEqual([
      { kind: 'flatten' },
      { kind: 'dense', units: 10, activation: 'relu' },
      { kind: 'dropout', rate: 0.3 },
    ]);
    expect(applyKnob(base, 'trainFraction', 0.2).trainFraction).toBe(0.2);
    // Drift: trained on the data as it was, validated on it moved by the value.
    expect(applyKnob({ ...base, driftApplied: true }, 'driftAmount', 0.75)).toMatchObject({
      driftAmount: 0.75,
      driftValidation: true,
      driftApplied: false,
    });
    expect(parseValues('driftAmount', '0, 0.5, 1.5').problems).toEqual(['1.5 is outside 0–1']);
    expect(base.layers).toHaveLength(2);
  });
});

describe('results', () => {
  it('summarises values over seeds: mean, sample sd, range; non-finite values left out', () => {
    expect(summarise([1, 2, 3, Number.NaN])).toEqual({ mean: 2, sd: 1, min: 1, max: 3, n: 3 });
    expect(summarise([5])).toEqual({ mean: 5, sd: 0, min: 5, max: 5, n: 1 });
    expect(summarise([Number.NaN])).toBeNull();
  });

  it('finds the first epoch that reaches the target, and the best scores of a run', () => {
    const epochs = [epoch(1, 0.5), epoch(2, 0.92), epoch(3, 0.88)];
    expect(timeToTarget(epochs, 0.9, 'classification')).toEqual({ epoch: 2, step: 20 });
    expect(timeToTarget(epochs, 0.95, 'classification')).toBeNull();
    expect(timeToTarget(epochs, 0.1, 'regression')).toEqual({ epoch: 2, step: 20 });
    expect(bestScores(epochs)).toMatchObject({ accuracy: 0.92, loss: 1 - 0.92 });
  });

  it('reads a sweep in words from its numbers', () => {
    const tag = (member: number, label: string) => tagOf({ member, valueIndex: member, label, samplesPerSecond: 1000 * (member + 1) });
    const rows = [
      sweepRow({
        sweep: tag(0, 'Adam'),
        epochs: [epoch(1, 0.8), epoch(14, 0.91)],
        restoredEpoch: null,
        outcome: 'done',
        backend: 'wasm',
        task: 'classification',
      }),
      sweepRow({
        sweep: tag(1, 'SGD'),
        epochs: [epoch(1, 0.5), epoch(100, 0.85)],
        restoredEpoch: null,
        outcome: 'done',
        backend: 'wasm',
        task: 'classification',
      }),
    ];
    expect(readSweep('optimizer', rows, 'classification', 'accuracy', 0.9)).toEqual([
      'Val accuracy is best at Adam (0.910) and worst at SGD (0.850).',
      'Adam reached 90 % validation accuracy in 140 steps; SGD had not reached it after 1,000 (validation checked at epoch ends only).',
    ]);
    const probed = rows.map((row) => ({ ...row, checkEvery: 13 }));
    expect(readSweep('optimizer', probed, 'classification', 'accuracy', 0.9)[1]).toBe(
      'Adam reached 90 % validation accuracy in 140 steps; SGD had not reached it after 1,000 (validation checked every 13 steps until the target, and at each epoch end).',
    );
    expect(targetResolution([{ ...probed[0], checkEvery: 1 }])).toBe(
      'validation checked every step until the target, and at each epoch end',
    );
  });

  it('reads steps to target at batch resolution from the checks between epoch ends', () => {
    const epochs = [epoch(1, 0.5), epoch(2, 0.92)];
    const probes = [
      { epoch: 2, step: 13, validation: { loss: 0.2, accuracy: 0.85 } },
      { epoch: 2, step: 16, validation: { loss: 0.1, accuracy: 0.91 } },
    ];
    expect(timeToTarget(epochs, 0.9, 'classification', probes)).toEqual({ epoch: 2, step: 16 });
    // Two optimizers that tie at an epoch end part at the checks.
    const row = (step: number) =>
      sweepRow({
        sweep: tagOf({ values: ['sgd'], label: 'SGD' }),
        epochs,
        probes: [{ epoch: 2, step, validation: { loss: 0.1, accuracy: 0.95 } }],
        probeEvery: 3,
        restoredEpoch: null,
        outcome: 'done',
        backend: 'cpu',
        task: 'classification',
      });
    expect([row(13).toTarget?.step, row(19).toTarget?.step, row(19).checkEvery]).toEqual([13, 19, 3]);
  });
});

describe('sweep timing', () => {
  it('times a member from its first step, over every sample it trained', () => {
    const sweep = {
      id: 's',
      knob: 'batchSize' as const,
      values: [16],
      seeds: 1,
      target: 0.9,
      member: 0,
      valueIndex: 0,
      label: '16',
      seed: 1,
      seconds: 0,
      samplesPerSecond: 0,
    };
    const run = {
      sweep,
      startedAt: 0,
      firstPointAt: 30_000,
      step: 25,
      sizes: { trainSamples: 100, stepsPerEpoch: 7 },
      config: { batchSize: 16 },
    };
    // 3 epochs of 100 samples, then 4 batches of 16: 364 samples in 2 s; the 30 s before the first step (loading, warm-up) do not count.
    expect(finishedTag(run, 32_000)).toMatchObject({ seconds: 2, samplesPerSecond: 182 });
    expect(samplesTrained(25, run.sizes, 16)).toBe(364);
  });

  it('gives no speed to a run too short for the clock, and the reading says so instead of a ratio', () => {
    expect(timedRate(640, 0.01)).toBe(0);
    expect(timedRate(640, MIN_TIMED_SECONDS)).toBeCloseTo(3200);
    const timed = (member: number, label: string): SweepTag => ({
      id: 's',
      knob: 'batchSize',
      values: [10, 50],
      seeds: 1,
      target: 0.8,
      member,
      valueIndex: member,
      label,
      seed: 42,
      seconds: 0.01,
      samplesPerSecond: 0,
    });
    const rows = [0, 1].map((member) =>
      sweepRow({
        sweep: timed(member, ['10', '50'][member]),
        epochs: [epoch(1, 0.9)],
        restoredEpoch: null,
        outcome: 'done',
        backend: 'cpu',
        task: 'classification',
      }),
    );
    const reading = readSweep('batchSize', rows, 'classification', 'accuracy', 0.8).join(' ');
    expect(reading).toContain('10, 50 trained for under 0.2 s: too short to time');
    expect(reading).not.toContain('times as fast');
  });
});

describe('the sweep ETA', () => {
  const active = (over: Partial<ActiveSweep>): ActiveSweep => ({
    id: 's',
    spec: { knob: 'epochs', values: [1, 2, 3, 4], seeds: 1, target: 0.9, metric: 'accuracy' },
    task: 'classification',
    members: planSweep(defaultConfig(), { knob: 'epochs', values: [1, 2, 3, 4], seeds: 1, target: 0.9, metric: 'accuracy' }).members,
    capped: false,
    rows: [],
    current: 0,
    status: 'running',
    startedAt: 0,
    ...over,
  });

  it('uses the current member’s measured time left, and its own length for the members not started', () => {
    // 5 s trained, 80 s left at the measured speed: this member and 3 more of about 85 s each.
    expect(sweepEta(active({}), 80, 5)).toBe(80 + 3 * 85);
    expect(sweepEta(active({}), null, 5)).toBeNull();
  });

  it('uses the finished members’ wall time once there are some, start-up included', () => {
    const one = {
      ...sweepRow({
        sweep: {
          id: 's',
          knob: 'epochs',
          values: [1],
          seeds: 1,
          target: 0.9,
          member: 0,
          valueIndex: 0,
          label: '1',
          seed: 1,
          seconds: 1,
          samplesPerSecond: 0,
        },
        epochs: [],
        restoredEpoch: null,
        outcome: 'done',
        backend: 'cpu',
        task: 'classification',
      }),
    };
    expect(sweepEta(active({ rows: [one], current: 1, walls: [30] }), 10, 2)).toBe(10 + 2 * 30);
    expect(sweepEta(active({ rows: [one, one, one, one], current: null, walls: [30, 30, 30, 30], status: 'done' }), null, 0)).toBe(0);
  });
});

describe('sweep values: every cut gets a note', () => {
  it('says when a range is cut to the cap, or gives a single value', () => {
    const many = parseValues('learningRate', '0.001..1 x50');
    expect(many.values).toHaveLength(MAX_SWEEP_VALUES);
    expect(many.problems).toContain('x50 asks for 50 values; 12 are used, the most a sweep takes');
    const none = parseValues('learningRate', '0.001..1 x0');
    expect(none.values).toEqual([0.001]);
    expect(none.problems.join(' ')).toContain('x0 makes a single value (0.001)');
    const rounded = parseValues('batchSize', '1..3 x6');
    expect(rounded.values).toEqual([1, 2, 3]);
    expect(rounded.problems.join(' ')).toContain('3 of the 6 values were the same after rounding');
    expect(parseValues('learningRate', '0.001..1 x4').problems).toEqual([]);
  });

  it('in a link as well', () => {
    expect(decodeSweep('learningRate~0.001..1 x50~1~0.9~accuracy').notes.join(' ')).toContain('x50 asks for 50 values; 12 are used');
  });

  it('names each optimizer’s learning rate in the table', () => {
    const { members } = planSweep(defaultConfig(), {
      knob: 'optimizer',
      values: ['sgd', 'adam'],
      seeds: 1,
      target: 0.9,
      metric: 'accuracy',
    });
    expect(members.map((m) => m.label)).toEqual(['SGD (lr 0.1)', 'Adam (lr 0.001)']);
  });
});

describe('long members and part-runs', () => {
  it('names a member that will take minutes, from its measured speed, and none that will not', () => {
    expect(longMemberWarning('CPU', 30, 540, 140)).toBe(
      'CPU will take about 10 min in all (9 min left), at its measured 140 samples/s. Stopping the sweep keeps what it trained as a part-row, its speed included.',
    );
    expect(longMemberWarning('WASM', 5, 20, 6000)).toBeNull();
    expect(longMemberWarning('CPU', 5, null, 0)).toBeNull();
  });

  it('warns before a backend sweep which members will take minutes', () => {
    const speeds = [
      { backend: 'cpu', samplesPerSecond: 99 },
      { backend: 'wasm', samplesPerSecond: null },
      { backend: 'webgl', samplesPerSecond: 201 },
    ];
    expect(backendSweepWarning(['cpu', 'wasm', 'webgl'], speeds, 40_000, { cpu: 'CPU', webgl: 'WebGL' })).toBe(
      "From this model's measured speeds, CPU about 7 min (99 samples/s), WebGL about 3 min (201 samples/s), for 40,000 samples each. Fewer epochs or a smaller model show the same ranking sooner.",
    );
    expect(backendSweepWarning(['cpu'], speeds, 4_000, {})).toBeNull();
  });

  it('compares the speed of a part-run, and says it is one', () => {
    const row = (member: number, label: string, outcome: 'done' | 'partial', samplesPerSecond: number) => ({
      ...sweepRow({
        sweep: tagOf({ knob: 'backend', values: ['wasm', 'cpu'], member, valueIndex: member, label, seconds: 30, samplesPerSecond }),
        epochs: outcome === 'done' ? [epoch(1, 0.9)] : [],
        restoredEpoch: null,
        outcome: outcome === 'done' ? 'done' : 'stopped',
        backend: label.toLowerCase(),
        task: 'classification',
        step: 40,
      }),
    });
    const rows = [row(0, 'WASM', 'done', 6000), row(1, 'CPU', 'partial', 100)];
    expect(rows.map((r) => [r.outcome, r.steps])).toEqual([
      ['done', 40],
      ['partial', 40],
    ]);
    expect(readSweep('backend', rows, 'classification', 'samplesPerSecond', 0.9).at(-1)).toBe(
      'WASM trained 60.0 times as fast as CPU (from a part-run) (6,000 vs 100 samples/s).',
    );
  });
});

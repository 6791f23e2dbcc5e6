// What a finished sweep run contributes to the table, summary statistics
// over seeds, and steps to a target. Pure.
import { keptEpoch } from '../metrics/kept';
import type { EpochPoint, ProbePoint, SplitScores } from '../metrics/types';
import { FOREST, KNOBS, type Knob, type SweepValue } from './plan';

/**
 * The first validation check that reaches `target` (accuracy at least, or
 * loss at most for regression), with its step: epoch ends, and the checks
 * made between them (`probes`), in step order.
 */
export function timeToTarget(
  epochs: readonly EpochPoint[],
  target: number,
  task: 'classification' | 'regression',
  probes: readonly ProbePoint[] = [],
): { epoch: number; step: number } | null {
  const checks: ProbePoint[] = [...epochs, ...probes].sort((a, b) => a.step - b.step);
  for (const point of checks) {
    const reached = task === 'classification' ? (point.validation.accuracy ?? -Infinity) >= target : point.validation.loss <= target;
    if (reached) return { epoch: point.epoch, step: point.step };
  }
  return null;
}

export interface SweepRow {
  member: number;
  valueIndex: number;
  label: string;
  seed: number;
  /** The fold it validated on, in a k-fold sweep. */
  fold?: number;
  /** Validation accuracy (classification) or loss (regression) at each epoch, for the folds' overlaid curves. */
  curve?: { epoch: number; value: number }[];
  /** 'partial': the sweep was stopped while it trained; its figures are for what it trained (a part-row). */
  outcome: 'done' | 'error' | 'partial';
  /** Validation scores of the kept epoch, and the best seen at any epoch. */
  final: SplitScores | null;
  best: SplitScores | null;
  /** The kept epoch's training scores (for the train/validation gap). */
  train: SplitScores | null;
  epochs: number;
  steps: number;
  toTarget: { epoch: number; step: number } | null;
  /** Steps between validation checks (steps to target are exact to this); null: checked at epoch ends only. */
  checkEvery: number | null;
  seconds: number;
  samplesPerSecond: number;
  backend: string | null;
  /** The software adapter a GPU backend ran on, if it did. */
  software?: string;
  error?: string;
}

/** Best of each score over the epochs: highest accuracy, precision, recall, F1, R²; lowest loss (MSE for regression) and MAE. */
export function bestScores(epochs: readonly EpochPoint[]): SplitScores | null {
  if (epochs.length === 0) return null;
  const pick = (key: keyof SplitScores, higher: boolean): number | undefined => {
    const values = epochs.map((p) => p.validation[key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length === 0) return undefined;
    return higher ? Math.max(...values) : Math.min(...values);
  };
  const out: SplitScores = { loss: pick('loss', false) ?? Number.NaN };
  for (const key of ['accuracy', 'precision', 'recall', 'f1', 'r2'] as const) {
    const v = pick(key, true);
    if (v !== undefined) out[key] = v;
  }
  const mae = pick('mae', false);
  if (mae !== undefined) out.mae = mae;
  return out;
}

export interface Summary {
  mean: number;
  /** Sample standard deviation (0 for one value). */
  sd: number;
  min: number;
  max: number;
  n: number;
}

/** Mean, spread and range of the finite values; null when there are none. */
export function summarise(values: readonly number[]): Summary | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const n = finite.length;
  const mean = finite.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, min: Math.min(...finite), max: Math.max(...finite), n };
}

/** The table's columns: a name and how to read it from a row. */
export interface SweepColumn {
  key: string;
  label: string;
  read: (row: SweepRow) => number | undefined;
  /** Lower is better. */
  lower?: boolean;
}

export function sweepColumns(task: 'classification' | 'regression'): SweepColumn[] {
  const finalOf = (key: keyof SplitScores) => (row: SweepRow) => row.final?.[key];
  const common: SweepColumn[] = [
    { key: 'epochs', label: 'epochs', read: (r) => r.epochs },
    { key: 'steps', label: 'steps', read: (r) => r.steps },
    { key: 'stepsToTarget', label: 'steps to target', read: (r) => r.toTarget?.step, lower: true },
    { key: 'seconds', label: 'time from first step (s)', read: (r) => r.seconds, lower: true },
    { key: 'samplesPerSecond', label: 'samples/s', read: (r) => r.samplesPerSecond },
  ];
  if (task === 'regression') {
    return [
      // A regression run's loss is its MSE in the target's units.
      { key: 'mse', label: 'val MSE', read: finalOf('loss'), lower: true },
      { key: 'mae', label: 'val MAE', read: finalOf('mae'), lower: true },
      { key: 'r2', label: 'val R²', read: finalOf('r2') },
      { key: 'bestMse', label: 'best val MSE', read: (r) => r.best?.loss, lower: true },
      { key: 'trainError', label: 'training MSE', read: (r) => r.train?.loss, lower: true },
      { key: 'valError', label: 'validation MSE', read: (r) => r.final?.loss, lower: true },
      ...common,
    ];
  }
  return [
    { key: 'accuracy', label: 'val accuracy', read: finalOf('accuracy') },
    { key: 'bestAccuracy', label: 'best val accuracy', read: (r) => r.best?.accuracy },
    { key: 'f1', label: 'val F1 (macro)', read: finalOf('f1') },
    { key: 'precision', label: 'val precision', read: finalOf('precision') },
    { key: 'recall', label: 'val recall', read: finalOf('recall') },
    { key: 'loss', label: 'val loss', read: finalOf('loss'), lower: true },
    {
      key: 'trainError',
      label: 'training error',
      read: (r) => (r.train?.accuracy === undefined ? undefined : 1 - r.train.accuracy),
      lower: true,
    },
    {
      key: 'valError',
      label: 'validation error',
      read: (r) => (r.final?.accuracy === undefined ? undefined : 1 - r.final.accuracy),
      lower: true,
    },
    {
      key: 'gap',
      label: 'train − val accuracy',
      read: (r) => (r.train?.accuracy !== undefined && r.final?.accuracy !== undefined ? r.train.accuracy - r.final.accuracy : undefined),
      lower: true,
    },
    ...common,
  ];
}

/** What a sweep run carries into its history record: the sweep it belongs to and its place in it. */
export interface SweepTag {
  id: string;
  knob: Knob;
  values: SweepValue[];
  seeds: number;
  /** k of k-fold, when the sweep cross-validates. */
  folds?: number;
  target: number;
  metric?: string;
  member: number;
  valueIndex: number;
  label: string;
  seed: number;
  fold?: number;
  /** Time from the first step to the end, and the samples trained per second over it (0: too short to time). */
  seconds: number;
  samplesPerSecond: number;
  /** WebGL or WebGPU ran on this software adapter (it computed on the CPU). */
  software?: string;
}

/** A run's row in the sweep table, from what its record holds. */
export function sweepRow(run: {
  sweep: SweepTag;
  epochs: readonly EpochPoint[];
  probes?: readonly ProbePoint[];
  probeEvery?: number | null;
  restoredEpoch: number | null;
  outcome: string;
  backend: string | null;
  task: 'classification' | 'regression';
  error?: string | null;
  /** Steps trained, for a run stopped before its first epoch ended. */
  step?: number;
}): SweepRow {
  const { sweep, epochs } = run;
  const kept = keptEpoch(run);
  const last = epochs[epochs.length - 1];
  // A random forest (the model knob's "forest") trains no steps: no time to a target, no backend.
  const forest = sweep.knob === 'model' && sweep.values[sweep.valueIndex] === FOREST;
  return {
    member: sweep.member,
    valueIndex: sweep.valueIndex,
    label: sweep.label,
    seed: sweep.seed,
    ...(sweep.fold !== undefined ? { fold: sweep.fold } : {}),
    ...(sweep.folds ? { curve: foldCurve(epochs, run.task) } : {}),
    outcome: run.outcome === 'done' && kept ? 'done' : run.outcome === 'stopped' ? 'partial' : 'error',
    final: kept?.validation ?? null,
    best: bestScores(epochs),
    train: kept?.train ?? null,
    epochs: last?.epoch ?? 0,
    steps: Math.max(last?.step ?? 0, run.step ?? 0),
    toTarget: forest ? null : timeToTarget(epochs, sweep.target, run.task, run.probes),
    checkEvery: forest ? null : (run.probeEvery ?? null),
    seconds: sweep.seconds,
    samplesPerSecond: sweep.samplesPerSecond,
    backend: forest ? 'forest' : run.backend,
    ...(sweep.software ? { software: sweep.software } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

/** A fold's validation curve: accuracy per epoch (loss for regression). */
function foldCurve(epochs: readonly EpochPoint[], task: 'classification' | 'regression'): { epoch: number; value: number }[] {
  return epochs.map((p) => ({
    epoch: p.epoch,
    value: (task === 'classification' ? p.validation.accuracy : p.validation.loss) ?? Number.NaN,
  }));
}

const KNOB_SET: readonly string[] = KNOBS;

/** A stored tag read back, or undefined when it is not one. */
export function readSweepTag(value: unknown): SweepTag | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const t = value as Record<string, unknown>;
  const numbers = ['seeds', 'target', 'member', 'valueIndex', 'seed', 'seconds', 'samplesPerSecond'].every(
    (key) => typeof t[key] === 'number',
  );
  if (
    typeof t.id !== 'string' ||
    !KNOB_SET.includes(t.knob as string) ||
    !Array.isArray(t.values) ||
    typeof t.label !== 'string' ||
    !numbers
  )
    return undefined;
  return value as SweepTag;
}

// A sweep: one knob, its values, and seeds; planned into the runs to make,
// one config per value and seed. Pure. Every value is checked against the
// setting's own limits, and the total is capped (a link must not start
// 10,000 runs).
import {
  BACKEND_LABELS,
  BACKEND_PREFERENCES,
  LIMITS,
  OPTIMIZERS,
  type BackendName,
  type ExperimentConfig,
  type OptimizerName,
} from '../config/experiment';
import { defaultOptimizerParams, OPTIMIZER_LABELS, USUAL_LEARNING_RATE } from '../config/optimizerParams';
import { PRESETS, presetLabel, presetLayers, type PresetName } from '../model/presets';
import type { LayerSpec } from '../model/spec';
import { MAX_FOLDS, MIN_FOLDS } from '../data/folds';

export const KNOBS = [
  'none',
  'trainFraction',
  'optimizer',
  'learningRate',
  'batchSize',
  'epochs',
  'backend',
  'model',
  'width',
  'depth',
  'dropout',
  'weightDecay',
  'labelNoise',
  'driftAmount',
] as const;
export type Knob = (typeof KNOBS)[number];

export const KNOB_LABELS: Record<Knob, string> = {
  none: 'Nothing (this experiment, for k-fold)',
  trainFraction: 'Training-set size (share)',
  optimizer: 'Optimizer',
  learningRate: 'Learning rate',
  batchSize: 'Batch size',
  epochs: 'Epochs',
  backend: 'Backend (hardware)',
  model: 'Model (preset)',
  width: 'Model width (× units and filters)',
  depth: 'Model depth (hidden dense layers)',
  dropout: 'Dropout rate',
  weightDecay: 'L2 (weight decay)',
  labelNoise: 'Label noise',
  driftAmount: 'Concept drift amount (trained before, validated after)',
};

/** Knobs whose values are names, not numbers. */
export const NAMED_KNOBS: readonly Knob[] = ['none', 'optimizer', 'backend', 'model'];
/** The one value of the knob that changes nothing: the experiment itself, scored by k-fold. */
export const THIS_EXPERIMENT = 'this';
/** Knobs drawn on a log axis. */
export const LOG_KNOBS: readonly Knob[] = ['learningRate', 'batchSize', 'trainFraction', 'weightDecay'];

export type SweepValue = number | string;

/** The model knob's value for a random forest on the same split (tables and 2-D data). */
export const FOREST = 'forest';

export interface SweepSpec {
  knob: Knob;
  values: SweepValue[];
  /** Runs per value, seeds seed, seed+1, … (for error bars). */
  seeds: number;
  /**
   * k-fold cross-validation (2-10; absent or below 2: off): each value runs
   * once per fold, at the experiment's seed, validating on that fold, in
   * place of the seeds.
   */
  folds?: number;
  /** Validation accuracy (classification) or loss (regression) to reach, for "steps to target". */
  target: number;
  /** The table column the chart plots (see results.ts sweepColumns). */
  metric: string;
}

export const MAX_SWEEP_VALUES = 12;
export const MAX_SWEEP_SEEDS = 5;
export const MAX_SWEEP_RUNS = 40;

/** One run of the sweep. */
export interface SweepMember {
  index: number;
  valueIndex: number;
  value: SweepValue;
  label: string;
  seed: number;
  /** The fold this run validates on (1..k), in a k-fold sweep. */
  fold?: number;
  config: ExperimentConfig;
}

const NUMERIC_LIMITS: Partial<Record<Knob, { min: number; max: number; integer?: boolean; maxExclusive?: boolean }>> = {
  trainFraction: LIMITS.trainFraction,
  learningRate: LIMITS.learningRate,
  batchSize: LIMITS.batchSize,
  epochs: { ...LIMITS.epochs, max: 1000 },
  width: { min: 0.125, max: 8 },
  depth: { min: 0, max: 8, integer: true },
  dropout: { min: 0, max: 0.9 },
  weightDecay: LIMITS.weightDecay,
  labelNoise: LIMITS.labelNoise,
  driftAmount: LIMITS.driftAmount,
};

/** The reason `value` is not a value of `knob`, or null. */
export function valueProblem(knob: Knob, value: SweepValue): string | null {
  if (knob === 'none') return value === THIS_EXPERIMENT ? null : `"${String(value).slice(0, 30)}" is not "${THIS_EXPERIMENT}"`;
  if (knob === 'optimizer')
    return (OPTIMIZERS as readonly SweepValue[]).includes(value) ? null : `"${String(value).slice(0, 30)}" is not an optimizer`;
  if (knob === 'backend')
    return value !== 'auto' && (BACKEND_PREFERENCES as readonly SweepValue[]).includes(value)
      ? null
      : `"${String(value).slice(0, 30)}" is not a backend`;
  if (knob === 'model')
    return value === FOREST || Object.hasOwn(PRESETS, String(value))
      ? null
      : `"${String(value).slice(0, 30)}" is not a preset (or "forest")`;
  const limit = NUMERIC_LIMITS[knob]!;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `"${String(value).slice(0, 30)}" is not a number`;
  if (value < limit.min || value > limit.max || (limit.maxExclusive && value >= limit.max))
    return `${value} is outside ${limit.min}–${limit.max}`;
  if (limit.integer && !Number.isInteger(value)) return `${value} is not a whole number`;
  return null;
}

/** `count` values from `from` to `to`, evenly spaced (or evenly on a log scale), rounded to 3 significant digits. */
export function valueRange(from: number, to: number, count: number, log: boolean, integer = false): number[] {
  const n = Math.max(1, Math.min(MAX_SWEEP_VALUES, Math.round(count)));
  if (n === 1) return [from];
  const values = Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    const v = log && from > 0 && to > 0 ? from * (to / from) ** t : from + (to - from) * t;
    return integer ? Math.round(v) : Number(v.toPrecision(3));
  });
  return [...new Set(values)];
}

/** Reads "a, b, c" or "from..to xN" (a range, log-spaced on a log knob) into values; problems in words. */
export function parseValues(knob: Knob, text: string): { values: SweepValue[]; problems: string[] } {
  const range = /^\s*([\d.e+-]+)\s*\.\.\s*([\d.e+-]+)\s*(?:x\s*(\d+))?\s*$/i.exec(text);
  const integer = knob === 'batchSize' || knob === 'epochs' || knob === 'depth';
  const problems: string[] = [];
  // Every cut of a range gets a note: too many values, too few, or values that round to the same.
  const asked = range ? Number(range[3] ?? 5) : 0;
  if (range && asked > MAX_SWEEP_VALUES)
    problems.push(`x${asked} asks for ${asked} values; ${MAX_SWEEP_VALUES} are used, the most a sweep takes`);
  if (range && asked < 2) problems.push(`x${asked} makes a single value (${range[1]}); write x2 or more for a range`);
  const spread = range ? valueRange(Number(range[1]), Number(range[2]), asked, LOG_KNOBS.includes(knob), integer) : [];
  const wanted = Math.max(1, Math.min(MAX_SWEEP_VALUES, Math.round(asked)));
  if (range && spread.length < wanted)
    problems.push(`${wanted - spread.length} of the ${wanted} values were the same after rounding, so ${spread.length} are used`);
  const raw: SweepValue[] = range
    ? spread
    : text
        .split(/[,;\s]+/)
        .filter((part) => part !== '')
        .map((part) => (NAMED_KNOBS.includes(knob) ? part : Number(part)));
  const values: SweepValue[] = [];
  for (const value of raw) {
    const problem = valueProblem(knob, value);
    if (problem) problems.push(problem);
    else if (!values.includes(value)) values.push(value);
  }
  if (values.length > MAX_SWEEP_VALUES) problems.push(`only the first ${MAX_SWEEP_VALUES} values are used`);
  return { values: values.slice(0, MAX_SWEEP_VALUES), problems };
}

/** How a value is written in tables and charts. */
export function valueLabel(knob: Knob, value: SweepValue): string {
  if (knob === 'none') return 'This experiment';
  if (knob === 'optimizer') return OPTIMIZER_LABELS[value as OptimizerName] ?? String(value);
  if (knob === 'backend') return BACKEND_LABELS[value as BackendName] ?? String(value);
  if (knob === 'model') return value === FOREST ? 'Random forest' : presetLabel(value as PresetName);
  if (knob === 'trainFraction' || knob === 'labelNoise' || knob === 'driftAmount')
    return `${Number((Number(value) * 100).toPrecision(3))} %`;
  if (knob === 'width') return `×${value}`;
  if (knob === 'depth') return Number(value) === 0 ? '0 (logistic regression)' : `${value} hidden`;
  return String(value);
}

function widened(layers: readonly LayerSpec[], factor: number): LayerSpec[] {
  return layers.map((layer) => {
    if (layer.kind === 'dense') return { ...layer, units: Math.max(1, Math.round(layer.units * factor)) };
    if (layer.kind === 'conv2d') return { ...layer, filters: Math.max(1, Math.round(layer.filters * factor)) };
    return { ...layer };
  });
}

/**
 * `depth` hidden dense layers like the model's first (its units and
 * activation; 8 tanh units when it has none), after the layers before it
 * (a flatten, convolutions). Depth 0 is a logistic regression on them.
 */
function deepened(layers: readonly LayerSpec[], depth: number): LayerSpec[] {
  const first = layers.findIndex((layer) => layer.kind === 'dense');
  const before = (first < 0 ? layers.filter((layer) => layer.kind !== 'dropout') : layers.slice(0, first)).map((layer) => ({ ...layer }));
  const dense: LayerSpec = first < 0 ? { kind: 'dense', units: 8, activation: 'tanh' } : { ...layers[first] };
  return [...before, ...Array.from({ length: depth }, () => ({ ...dense }))];
}

/** Sets every dropout layer's rate; a model without one gets one after each hidden dense layer. */
function withDropout(layers: readonly LayerSpec[], rate: number): LayerSpec[] {
  if (layers.some((layer) => layer.kind === 'dropout'))
    return layers.map((layer) => (layer.kind === 'dropout' ? { ...layer, rate } : { ...layer }));
  return layers.flatMap((layer): LayerSpec[] => (layer.kind === 'dense' ? [{ ...layer }, { kind: 'dropout', rate }] : [{ ...layer }]));
}

/** The experiment with the knob set to `value`. */
export function applyKnob(config: ExperimentConfig, knob: Knob, value: SweepValue): ExperimentConfig {
  const next = structuredClone(config);
  switch (knob) {
    case 'none':
      return next;
    case 'optimizer': {
      const name = value as OptimizerName;
      // Each optimizer at a learning rate that suits it: the table compares optimizers, not one rate.
      return { ...next, optimizer: name, optimizerParams: defaultOptimizerParams(name), learningRate: USUAL_LEARNING_RATE[name] };
    }
    case 'backend':
      return { ...next, backend: value as BackendName };
    case 'model':
      // The forest row trains no network: the layers stay as they are.
      return value === FOREST ? next : { ...next, layers: presetLayers(value as PresetName) };
    case 'width':
      return { ...next, layers: widened(next.layers, Number(value)) };
    case 'depth':
      return { ...next, layers: deepened(next.layers, Number(value)) };
    case 'dropout':
      return { ...next, layers: withDropout(next.layers, Number(value)) };
    case 'driftAmount':
      // Each member trains on the data as it was and validates on it moved by this much: a model trained once, as the world changes.
      return { ...next, driftAmount: Number(value), driftValidation: true, driftApplied: false };
    default:
      return { ...next, [knob]: Number(value) };
  }
}

/** k of a sweep's k-fold cross-validation, or 0 when it has none. */
export function sweepFolds(spec: Pick<SweepSpec, 'folds'>): number {
  const k = Math.round(spec.folds ?? 0);
  return k >= MIN_FOLDS ? Math.min(MAX_FOLDS, k) : 0;
}

/** The runs of a sweep over `base`: values in order, each over its seeds (or its folds); capped at MAX_SWEEP_RUNS. */
export function planSweep(base: ExperimentConfig, spec: SweepSpec): { members: SweepMember[]; capped: boolean } {
  const folds = sweepFolds(spec);
  const seeds = folds > 0 ? folds : Math.max(1, Math.min(MAX_SWEEP_SEEDS, Math.round(spec.seeds)));
  const members: SweepMember[] = [];
  spec.values.forEach((value, valueIndex) => {
    const config = applyKnob(base, spec.knob, value);
    // Each optimizer runs at its own usual rate: the table says which.
    const label = spec.knob === 'optimizer' ? `${valueLabel(spec.knob, value)} (lr ${config.learningRate})` : valueLabel(spec.knob, value);
    for (let s = 0; s < seeds; s++) {
      // k-fold: the same seed (the same folds and initial weights) and a different validation fold per run.
      const seed = folds > 0 ? base.seed : (base.seed + s) % (LIMITS.seed.max + 1);
      const fold = folds > 0 ? { folds, fold: s + 1 } : {};
      members.push({
        index: members.length,
        valueIndex,
        value,
        label,
        seed,
        ...(folds > 0 ? { fold: s + 1 } : {}),
        config: { ...config, ...fold, seed, pace: 'max', untilStopped: false },
      });
    }
  });
  return { members: members.slice(0, MAX_SWEEP_RUNS), capped: members.length > MAX_SWEEP_RUNS };
}

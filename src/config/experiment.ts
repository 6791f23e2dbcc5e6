import { presetLayers } from '../model/presets';
import type { LayerSpec } from '../model/spec';
import type { DatasetRef } from './datasets';
import { defaultOptimizerParams, type OptimizerName, type OptimizerParams } from './optimizerParams';

/** Backends the user may ask for; 'auto' picks the fastest that works. */
export const BACKEND_PREFERENCES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu', 'fused'] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];
export type BackendName = Exclude<BackendPreference, 'auto'>;

/** Each backend's short name in sentences and tables. */
export const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU', fused: 'Fused' };

export { OPTIMIZERS, type OptimizerName } from './optimizerParams';
import type { ScheduleName } from './schedule';
import type { ImbalanceMode } from '../data/imbalance';
import type { DriftKind } from '../data/drift';

export const IMBALANCE_MODES = ['off', 'one', 'all-but-one'] as const satisfies readonly ImbalanceMode[];
export const CLASS_WEIGHTINGS = ['off', 'balanced', 'hand'] as const;
export type ClassWeighting = (typeof CLASS_WEIGHTINGS)[number];

export type { DatasetRef };

/** Everything that defines one experiment; plain, serialisable data. */
export interface ExperimentConfig {
  dataset: DatasetRef;
  /** Hidden layers; the output layer follows from the dataset's task. */
  layers: LayerSpec[];
  optimizer: OptimizerName;
  /** The optimizer's main parameters; only those it uses matter. */
  optimizerParams: OptimizerParams;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Fraction of samples held out for validation, stratified by class. */
  validationSplit: number;
  /** Global L2 penalty on every kernel (0 = off), added to each layer's own. */
  weightDecay: number;
  /** The learning-rate schedule over the run (config/schedule.ts), and its settings. */
  schedule: ScheduleName;
  decayRate: number;
  decayEvery: number;
  warmupEpochs: number;
  /** Stop when validation loss has not improved for `patience` epochs, and restore the best weights. */
  earlyStopping: boolean;
  patience: number;
  /** Overfitting lab: share of the training split kept (stratified), and share of its labels flipped. */
  trainFraction: number;
  labelNoise: number;
  /**
   * Class imbalance (data/imbalance.ts): keep only `imbalanceShare` of one
   * class ('one') or of every class but one ('all-but-one') in the training
   * split, and in validation too when `imbalanceValidation`.
   */
  imbalance: ImbalanceMode;
  imbalanceClass: number;
  imbalanceShare: number;
  imbalanceValidation: boolean;
  /**
   * Weigh each sample's loss by its class (Keras class_weight): 'balanced'
   * makes every class weigh the same in all; 'hand' takes
   * `classWeightValues`, one number per class in class order ("1, 1, 5").
   */
  classWeights: ClassWeighting;
  classWeightValues: string;
  /**
   * k-fold cross-validation (data/folds.ts): with `folds` 2-10, this run
   * validates on fold `fold` (1..k) and trains on the rest, in place of the
   * hold-out split; stratified by class when `stratifiedFolds`. 0: off.
   */
  folds: number;
  fold: number;
  stratifiedFolds: boolean;
  /**
   * Concept drift on a 2-D set (data/drift.ts): how the world moves, and by
   * how much (0-1); `driftApplied` puts the run on the drifted points.
   */
  drift: DriftKind;
  driftAmount: number;
  driftApplied: boolean;
  /**
   * Concept drift on a table (data/columnDrift.ts): order the rows by this
   * column ('#row': as in the file; '': off), hold out the latest
   * `driftAmount` of them as the world as it is now, and train on the rest.
   */
  driftColumn: string;
  /** Train on the data as it was and validate on it as it is now (the sweep's drift knob). */
  driftValidation: boolean;
  seed: number;
  /** How fast a run may go: a pace the eye can follow, faster, or as fast as it goes. */
  pace: Pace;
  /** Train until Stop is pressed (as TensorFlow Playground does), ignoring `epochs`. */
  untilStopped: boolean;
  backend: BackendPreference;
  /** View: large type and high contrast for a projector, and panels to hide. */
  classroom: boolean;
  hiddenPanels: PanelName[];
}

/** Run speeds: at most PACE_EPOCHS_PER_SECOND epochs a second ('max': unpaced). */
export const PACES = ['watch', 'fast', 'max'] as const;
export type Pace = (typeof PACES)[number];
/** Epochs a second at each pace: watching, a 2-D boundary forms over tens of seconds, as in TensorFlow Playground. */
export const PACE_EPOCHS_PER_SECOND: Record<Pace, number> = { watch: 15, fast: 150, max: Number.POSITIVE_INFINITY };
export const PACE_LABELS: Record<Pace, string> = { watch: 'Watch', fast: 'Fast', max: 'As fast as it goes' };

/** Panels a link (or classroom setup) may hide. */
export const PANELS = ['data', 'model', 'settings', 'history', 'insights', 'batch-chart', 'sweeps'] as const;
export type PanelName = (typeof PANELS)[number];

/** The LeNet-style CNN of the tfjs MNIST example (the 'lenet' preset). */
export const DEFAULT_LAYERS: readonly LayerSpec[] = presetLayers('lenet');

/** Bounds of a numeric setting; `exclusive` bounds may not be reached. */
export interface NumberLimit {
  min: number;
  max: number;
  integer?: boolean;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

const FRACTION_BELOW_ONE: NumberLimit = { min: 0, max: 1, maxExclusive: true };

/** Bounds every numeric setting must respect. */
export const LIMITS = {
  learningRate: { min: 1e-6, max: 10, maxExclusive: true },
  batchSize: { min: 1, max: 4096, integer: true },
  // A tiny net on a 2-D set trains about a thousand epochs a second: it may run until stopped, as in TensorFlow Playground.
  epochs: { min: 1, max: 100_000, integer: true },
  validationSplit: { min: 0.05, max: 0.9 },
  weightDecay: { min: 0, max: 1 },
  patience: { min: 1, max: 100, integer: true },
  decayRate: { min: 0.01, max: 1 },
  decayEvery: { min: 1, max: 10_000, integer: true },
  warmupEpochs: { min: 0, max: 10_000 },
  trainFraction: { min: 0.001, max: 1 },
  labelNoise: { min: 0, max: 0.9 },
  imbalanceClass: { min: 0, max: 999, integer: true },
  imbalanceShare: { min: 0.001, max: 1 },
  folds: { min: 0, max: 10, integer: true },
  fold: { min: 1, max: 10, integer: true },
  driftAmount: { min: 0, max: 1 },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  momentum: FRACTION_BELOW_ONE,
  beta1: FRACTION_BELOW_ONE,
  beta2: FRACTION_BELOW_ONE,
  rho: FRACTION_BELOW_ONE,
  epsilon: { min: 0, max: 1, minExclusive: true },
  initialAccumulator: { min: 0, max: 10 },
} as const satisfies Record<string, NumberLimit>;

export type NumericSetting = keyof typeof LIMITS;

/** A fresh copy of the default experiment. */
export function defaultConfig(): ExperimentConfig {
  return {
    dataset: { kind: 'mnist-sample' },
    layers: presetLayers('lenet'),
    optimizer: 'adam',
    optimizerParams: defaultOptimizerParams('adam'),
    learningRate: 0.001,
    batchSize: 64,
    epochs: 5,
    validationSplit: 0.2,
    weightDecay: 0,
    schedule: 'constant',
    decayRate: 0.5,
    decayEvery: 2,
    warmupEpochs: 1,
    earlyStopping: false,
    patience: 3,
    trainFraction: 1,
    labelNoise: 0,
    imbalance: 'off',
    imbalanceClass: 0,
    imbalanceShare: 0.05,
    imbalanceValidation: false,
    classWeights: 'off',
    classWeightValues: '',
    folds: 0,
    fold: 1,
    stratifiedFolds: true,
    drift: 'shift',
    driftAmount: 0.5,
    driftApplied: false,
    driftColumn: '',
    driftValidation: false,
    seed: 42,
    pace: 'watch',
    untilStopped: false,
    backend: 'auto',
    classroom: false,
    hiddenPanels: [],
  };
}

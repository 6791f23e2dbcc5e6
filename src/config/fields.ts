// One table of every scalar setting of an experiment: where it sits in the
// config, its short name in a link, its label, its type and its bounds. The
// URL codec (share/) reads and writes through it, and restore.ts checks
// untrusted values against it, so a new setting is added in one place.
import {
  BACKEND_PREFERENCES,
  CLASS_WEIGHTINGS,
  IMBALANCE_MODES,
  LIMITS,
  OPTIMIZERS,
  PACES,
  type ExperimentConfig,
  type NumberLimit,
} from './experiment';
import type { OptimizerParam } from './optimizerParams';
import { SCHEDULES } from './schedule';
import { DRIFTS } from '../data/drift';

/** Where a setting sits: a top-level key, or one of the optimizer's parameters. */
export type FieldPath = readonly [keyof ExperimentConfig] | readonly ['optimizerParams', OptimizerParam];

interface FieldBase {
  path: FieldPath;
  /** Its name in a link: short, stable, never reused for something else. */
  url: string;
  label: string;
}

export type ConfigField =
  | (FieldBase & { type: 'number'; limit: NumberLimit })
  | (FieldBase & { type: 'enum'; values: readonly string[] })
  | (FieldBase & { type: 'bool' })
  /** Free text (a column's name), at most `maxLength` characters. */
  | (FieldBase & { type: 'text'; maxLength: number });

type NumberKey = keyof typeof LIMITS;

const number = (path: FieldPath, key: NumberKey, url: string, label: string): ConfigField => ({
  type: 'number',
  path,
  url,
  label,
  limit: LIMITS[key],
});
const setting = (key: NumberKey & keyof ExperimentConfig, url: string, label: string) => number([key], key, url, label);
const optimizerParam = (key: OptimizerParam, url: string, label: string) => number(['optimizerParams', key], key, url, label);

/**
 * Scalar settings in link order. The optimizer comes before its parameters:
 * restoring it resets them to its defaults first.
 */
export const CONFIG_FIELDS: readonly ConfigField[] = [
  { type: 'enum', path: ['optimizer'], url: 'opt', label: 'Optimizer', values: OPTIMIZERS },
  optimizerParam('momentum', 'mom', 'Momentum'),
  optimizerParam('beta1', 'b1', 'Beta 1'),
  optimizerParam('beta2', 'b2', 'Beta 2'),
  optimizerParam('rho', 'rho', 'Rho'),
  optimizerParam('epsilon', 'eps', 'Epsilon'),
  optimizerParam('initialAccumulator', 'acc', 'Initial accumulator'),
  setting('learningRate', 'lr', 'Learning rate'),
  setting('batchSize', 'bs', 'Batch size'),
  setting('epochs', 'ep', 'Epochs'),
  setting('validationSplit', 'vs', 'Validation split'),
  setting('weightDecay', 'wd', 'Weight decay'),
  { type: 'enum', path: ['schedule'], url: 'sch', label: 'Learning-rate schedule', values: SCHEDULES },
  setting('decayRate', 'dr', 'Decay factor'),
  setting('decayEvery', 'de', 'Decay every (epochs)'),
  setting('warmupEpochs', 'wu', 'Warm-up (epochs)'),
  { type: 'bool', path: ['earlyStopping'], url: 'es', label: 'Early stopping' },
  setting('patience', 'pat', 'Patience'),
  setting('trainFraction', 'tf', 'Training set size'),
  setting('labelNoise', 'ln', 'Label noise'),
  { type: 'enum', path: ['imbalance'], url: 'imb', label: 'Class imbalance', values: IMBALANCE_MODES },
  setting('imbalanceClass', 'imc', 'Imbalanced class'),
  setting('imbalanceShare', 'ims', 'Share kept'),
  { type: 'bool', path: ['imbalanceValidation'], url: 'imv', label: 'Imbalance validation too' },
  { type: 'enum', path: ['classWeights'], url: 'cw', label: 'Class weights', values: CLASS_WEIGHTINGS },
  { type: 'text', path: ['classWeightValues'], url: 'cwv', label: 'Class weights by hand', maxLength: 400 },
  setting('folds', 'kf', 'Folds (k)'),
  setting('fold', 'fold', 'Fold'),
  { type: 'bool', path: ['stratifiedFolds'], url: 'kfs', label: 'Stratified folds' },
  { type: 'enum', path: ['drift'], url: 'dft', label: 'Concept drift', values: DRIFTS },
  setting('driftAmount', 'dfa', 'Drift amount'),
  { type: 'bool', path: ['driftApplied'], url: 'dfon', label: 'On drifted data' },
  { type: 'text', path: ['driftColumn'], url: 'dfc', label: 'Drift by column', maxLength: 100 },
  { type: 'bool', path: ['driftValidation'], url: 'dfv', label: 'Validated on drifted data' },
  setting('seed', 'seed', 'Seed'),
  { type: 'enum', path: ['pace'], url: 'pace', label: 'Speed', values: PACES },
  { type: 'bool', path: ['untilStopped'], url: 'until', label: 'Train until stopped' },
  { type: 'enum', path: ['backend'], url: 'be', label: 'Backend', values: BACKEND_PREFERENCES },
  { type: 'bool', path: ['classroom'], url: 'class', label: 'Classroom mode' },
];

const own = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;

/** Reads a field from any value, untrusted ones included (own properties only; undefined when absent). */
export function readField(source: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => own(value, key), source);
}

/** Writes a checked value into a config. */
export function writeField(config: ExperimentConfig, path: FieldPath, value: number | string | boolean): void {
  if (path.length === 2) config.optimizerParams[path[1]] = value as number;
  else (config as unknown as Record<string, unknown>)[path[0]] = value;
}

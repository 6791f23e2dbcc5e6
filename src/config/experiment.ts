import { presetLayers } from '../model/presets';
import type { LayerSpec } from '../model/spec';

/** Backends the user may ask for; 'auto' picks the fastest that works. */
export const BACKEND_PREFERENCES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];
export type BackendName = Exclude<BackendPreference, 'auto'>;

export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop', 'adadelta', 'adamax', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Where the data comes from. Only the bundled sample exists so far. */
export type DatasetRef = { kind: 'mnist-sample' };

/** Everything that defines one experiment; plain, serialisable data. */
export interface ExperimentConfig {
  dataset: DatasetRef;
  /** Hidden layers; the output layer follows from the dataset's task. */
  layers: LayerSpec[];
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Fraction of samples held out for validation, stratified by class. */
  validationSplit: number;
  seed: number;
  backend: BackendPreference;
}

/** The LeNet-style CNN of the tfjs MNIST example (the 'lenet' preset). */
export const DEFAULT_LAYERS: readonly LayerSpec[] = presetLayers('lenet');

/** Bounds every numeric setting must respect. */
export const LIMITS = {
  learningRate: { min: 1e-6, max: 10 },
  batchSize: { min: 1, max: 4096 },
  epochs: { min: 1, max: 1000 },
  validationSplit: { min: 0.05, max: 0.5 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

/** A fresh copy of the default experiment. */
export function defaultConfig(): ExperimentConfig {
  return {
    dataset: { kind: 'mnist-sample' },
    layers: presetLayers('lenet'),
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 64,
    epochs: 5,
    validationSplit: 0.2,
    seed: 42,
    backend: 'auto',
  };
}

// The instructor's overfitting demo as two experiments: an oversized MLP on
// 2 % of the MNIST sample with a fifth of its labels flipped (the training
// curve climbs to 1 while validation stalls), and the same with dropout and
// early stopping (the curves stay together, and the best epoch is kept).
// Plain configs, so each is a link like any other experiment. Pure.
import type { LayerSpec } from '../model/spec';
import { presetLayers } from '../model/presets';
import { defaultOptimizerParams } from './optimizerParams';
import type { ExperimentConfig } from './experiment';

/** Dropout rate the cure puts after every dense layer. */
export const CURE_DROPOUT = 0.5;

/** The overfitting demo, keeping the view and the seed of `config`. */
export function overfittingDemo(config: ExperimentConfig): ExperimentConfig {
  return {
    ...config,
    dataset: { kind: 'mnist-sample' },
    layers: presetLayers('overfit'),
    optimizer: 'adam',
    optimizerParams: defaultOptimizerParams('adam'),
    learningRate: 0.001,
    batchSize: 32,
    epochs: 25,
    validationSplit: 0.2,
    weightDecay: 0,
    earlyStopping: false,
    patience: 3,
    trainFraction: 0.02,
    labelNoise: 0.2,
    pace: 'max',
    untilStopped: false,
  };
}

/** The demo cured: dropout after every dense layer, and early stopping that keeps the best epoch. */
export function curedDemo(config: ExperimentConfig): ExperimentConfig {
  const layers = presetLayers('overfit').flatMap((layer): LayerSpec[] =>
    layer.kind === 'dense' ? [layer, { kind: 'dropout', rate: CURE_DROPOUT }] : [layer],
  );
  return { ...overfittingDemo(config), layers, earlyStopping: true, patience: 3 };
}

// Settings fitted to the data a learner picks, so that every dataset trains
// to a sensible score on its defaults: images get the CNN recipe of the
// tfjs MNIST example, small tables a small MLP with enough steps to learn
// (a fixed 5 epochs of batch 64 gave iris 10 steps and 0.67), and 2-D sets
// TensorFlow Playground's start, paced to be watched, until stopped. Pure.
import { defaultOptimizerParams } from './optimizerParams';
import type { ExperimentConfig } from './experiment';
import type { DatasetInfo } from './datasets';
import type { LayerSpec } from '../model/spec';
import { presetLayers } from '../model/presets';

/** The kind of input, which decides the recipe. */
export type DataKind = 'images' | 'table' | 'plane';

/** Tables train for about this many steps in all (iris: 250 epochs of 8 steps, under two seconds). */
const TABLE_STEPS = 1_500;
const TABLE_EPOCHS = { min: 20, max: 300 };

export interface FittedDefaults {
  config: ExperimentConfig;
  /** One line: what was set, and why. */
  why: string;
}

const dense = (units: number): LayerSpec => ({ kind: 'dense', units, activation: 'relu' });

/**
 * `config` with model and training settings fitted to the data: `rows` is
 * the number of samples (tables), `info` what the data's input and output are.
 */
export function fitDefaults(
  config: ExperimentConfig,
  kind: DataKind,
  info: Pick<DatasetInfo, 'task' | 'classes'>,
  rows: number,
): FittedDefaults {
  switch (kind) {
    case 'plane':
      return {
        config: {
          ...config,
          layers: presetLayers('playground'),
          optimizer: 'sgd',
          optimizerParams: defaultOptimizerParams('sgd'),
          learningRate: 0.03,
          batchSize: 10,
          epochs: 10_000,
          earlyStopping: false,
          pace: 'watch',
          untilStopped: true,
        },
        why: 'The 2-D sets start as TensorFlow Playground does: two tanh layers of 4 and 2 units, SGD at learning rate 0.03, batch 10, at a pace you can watch, until you press Stop.',
      };
    case 'images':
      return {
        config: {
          ...config,
          layers: presetLayers('lenet'),
          optimizer: 'adam',
          optimizerParams: defaultOptimizerParams('adam'),
          learningRate: 0.001,
          batchSize: 64,
          epochs: 5,
          earlyStopping: false,
          untilStopped: false,
        },
        why: 'Images start with the LeNet-style CNN of the TensorFlow.js MNIST example: Adam at 0.001, batch 64, 5 epochs.',
      };
    case 'table': {
      const batchSize = rows < 1_000 ? 16 : 32;
      const trainRows = Math.max(1, Math.round(rows * (1 - config.validationSplit)));
      const steps = Math.ceil(trainRows / batchSize);
      const epochs = Math.min(TABLE_EPOCHS.max, Math.max(TABLE_EPOCHS.min, Math.round(TABLE_STEPS / steps)));
      const units = rows < 1_000 ? 16 : 32;
      const target = info.task === 'regression' ? 'a number' : `${info.classes.length} classes`;
      return {
        config: {
          ...config,
          layers: [dense(units), dense(units)],
          optimizer: 'adam',
          optimizerParams: defaultOptimizerParams('adam'),
          learningRate: 0.01,
          batchSize,
          epochs,
          earlyStopping: true,
          patience: 20,
          pace: 'fast',
          untilStopped: false,
        },
        why:
          `Fitted to ${rows.toLocaleString('en-US')} rows predicting ${target}: two relu layers of ${units}, Adam at 0.01, batch ${batchSize}, ` +
          `${epochs} epochs (about ${(epochs * steps).toLocaleString('en-US')} steps; a small table needs many passes), early stopping after 20 epochs without a better validation loss.`,
      };
    }
  }
}

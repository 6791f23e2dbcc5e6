// The classic tables of a course on training, as ready-made sweeps: each
// redraws its table with numbers measured here. Pure data.
import type { ExperimentConfig } from '../config/experiment';
import { presetLayers } from '../model/presets';
import type { SweepSpec } from './plan';

export interface TextbookTable {
  name: string;
  title: string;
  spec: SweepSpec;
  /** Changes to the experiment for this table only (the page's own settings stay). */
  base?: Partial<ExperimentConfig>;
  /** What the table runs on, when it is not the page's own experiment (the button's tooltip). */
  note?: string;
}

export const TEXTBOOK_TABLES: readonly TextbookTable[] = [
  {
    name: 'data-size',
    title: 'Data size vs accuracy and F1',
    spec: { knob: 'trainFraction', values: [0.05, 0.2, 1], seeds: 1, target: 0.9, metric: 'accuracy' },
  },
  {
    name: 'optimizers',
    title: 'Optimizer vs steps to converge',
    spec: {
      knob: 'optimizer',
      values: ['sgd', 'momentum', 'adam', 'rmsprop', 'adadelta', 'adamax'],
      seeds: 1,
      target: 0.9,
      metric: 'stepsToTarget',
    },
  },
  {
    name: 'batch-size',
    title: 'Batch size vs accuracy and time',
    spec: { knob: 'batchSize', values: [16, 64, 256], seeds: 1, target: 0.9, metric: 'accuracy' },
  },
  {
    name: 'hardware',
    title: 'CPU vs GPU backends vs training time',
    spec: { knob: 'backend', values: ['cpu', 'wasm', 'webgl', 'webgpu'], seeds: 1, target: 0.9, metric: 'samplesPerSecond' },
    // The default CNN's CPU row alone took 9.5 minutes here; the MLP for one epoch ranks the backends within about two.
    base: { layers: presetLayers('mlp'), epochs: 1 },
    note: 'On the MLP preset for one epoch, so that every backend has its row within about two minutes on a laptop without a GPU.',
  },
  {
    name: 'overfitting',
    title: 'Model size vs the train/validation gap',
    spec: { knob: 'model', values: ['logistic', 'mlp', 'overfit'], seeds: 1, target: 0.9, metric: 'gap' },
    base: { trainFraction: 0.05, epochs: 20 },
  },
];

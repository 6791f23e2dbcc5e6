// The experiments the Python check exports: every preset, a layer zoo (batch
// norm, dropout, leaky ReLU, average pooling, same padding, penalties, weight
// decay, early stopping), and CSV classification and regression. Each is
// built with the app's own code on the bundled data, trained a few batches
// in tfjs (so the weights and batch-norm statistics are not the initial
// ones), and exported as "Export as Python" does.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DatasetRef } from '../../src/config/datasets';
import { resolveDatasetInfo, type DatasetInfo } from '../../src/config/datasets';
import { defaultConfig, type ExperimentConfig, type OptimizerName } from '../../src/config/experiment';
import { defaultOptimizerParams } from '../../src/config/optimizerParams';
import { defaultCsvOptions, summariseTable } from '../../src/data/csv/infer';
import { parseCsv } from '../../src/data/csv/parse';
import { buildCsvDataset } from '../../src/data/csv/preprocess';
import type { Dataset, Split } from '../../src/data/dataset';
import { FEATURES } from '../../src/data/features';
import { decodeIdx } from '../../src/data/idx';
import { datasetFromIdxArrays } from '../../src/data/mnist';
import { stratifiedSplit } from '../../src/data/split';
import { generateSynthetic } from '../../src/data/synthetic';
import { buildModel } from '../../src/model/build';
import { presetLayers } from '../../src/model/presets';
import { checkModel, isFrozen, type LayerSpec } from '../../src/model/spec';
import { modelFiles, type ExperimentFile } from '../../src/share/modelFiles';
import { pythonProject } from '../../src/share/python/project';
import { makeBatch } from '../../src/train/engines/batch';
import { withFeatures } from '../../src/train/data/dataSources';
import { exportArtifacts } from '../../src/train/export/modelArtifacts';
import { headFor, targetScale } from '../../src/train/engines/heads';
import { evaluate } from '../../src/train/run/loop';
import { classCounts, imbalancedIndices, imbalanceSettings } from '../../src/data/imbalance';
import { experimentSplitter } from '../../src/data/folds';
import { classWeightsFor } from '../../src/train/engines/build';
import { rateAt } from '../../src/config/schedule';
import type { SplitScores } from '../../src/metrics/types';
import { pythonData } from '../../src/share/python/dataCsv';
import { exportData } from '../../src/train/export/exportData';

export const ROOT = join(__dirname, '..', '..');
const DATA = join(ROOT, 'public', 'data');
export const MNIST_IMAGES = join(DATA, 'mnist-10k-images-idx3-ubyte.gz');
export const MNIST_LABELS = join(DATA, 'mnist-10k-labels-idx1-ubyte.gz');

export interface ExportedCase {
  name: string;
  files: { name: string; bytes: Uint8Array }[];
  /** What the Python side checks. */
  check: {
    params: number;
    inputs: number[];
    inputShape: number[];
    outputs: number[];
    args: string[];
    classes: string[];
    features: string[];
    /** Images: the page's validation scores of the exported weights (train.py must print them: the same split). */
    pageScores?: SplitScores;
    /** The data arguments alone (no --limit), for that full-validation run. */
    dataArgs?: string[];
    /** k-fold: each fold's training and validation sizes in the app (after the knobs). */
    folds?: { k: number; train: number[]; validation: number[] };
    /** The imbalance knob's class counts in the app's splits, and the app's class weights. */
    imbalance?: { train: number[]; validation: number[]; weights: number[] };
    /** Trainable parameters as the builder counts them, when some layers are frozen. */
    trainable?: number;
    /** A schedule's rates from the app's formula at some steps of a run of `epochs` x `perEpoch` steps. */
    schedule?: { perEpoch: number; epochs: number; steps: number[]; rates: number[] };
  };
}

interface CaseSpec {
  name: string;
  dataset: 'mnist-sample' | 'spiral' | 'iris' | 'cars' | 'hostile';
  layers: LayerSpec[];
  optimizer: OptimizerName;
  learningRate: number;
  extra?: Partial<ExperimentConfig>;
}

export const CASES: CaseSpec[] = [
  { name: 'logistic', dataset: 'mnist-sample', layers: presetLayers('logistic'), optimizer: 'sgd', learningRate: 0.1 },
  { name: 'mlp', dataset: 'mnist-sample', layers: presetLayers('mlp'), optimizer: 'adam', learningRate: 0.001 },
  { name: 'lenet', dataset: 'mnist-sample', layers: presetLayers('lenet'), optimizer: 'adadelta', learningRate: 1 },
  // Transfer: frozen layers stay trainable=False in Keras, and Keras's training leaves their weights as the browser's.
  {
    name: 'lenet, frozen convolutions',
    dataset: 'mnist-sample',
    layers: presetLayers('lenet').map((layer) => (layer.kind === 'conv2d' ? { ...layer, frozen: true } : layer)),
    optimizer: 'adam',
    learningRate: 0.01,
  },
  {
    name: 'overfit',
    dataset: 'mnist-sample',
    layers: presetLayers('overfit'),
    optimizer: 'rmsprop',
    learningRate: 0.001,
    extra: { trainFraction: 0.05, labelNoise: 0.2 },
  },
  // Every learning-rate schedule rides on a case: Python's PlaygroundSchedule must give the app's rates.
  {
    name: 'playground',
    dataset: 'spiral',
    layers: presetLayers('playground'),
    optimizer: 'momentum',
    learningRate: 0.03,
    extra: { schedule: 'step', decayRate: 0.5, decayEvery: 2 },
  },
  {
    name: 'spiral',
    dataset: 'spiral',
    layers: presetLayers('spiral'),
    optimizer: 'adamax',
    learningRate: 0.01,
    extra: { schedule: 'onecycle' },
  },
  {
    name: 'layer-zoo',
    dataset: 'mnist-sample',
    layers: [
      { kind: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'leakyRelu', l1: 0.001 },
      { kind: 'batchNormalization' },
      { kind: 'avgPool2d', poolSize: 2, strides: 2 },
      { kind: 'flatten' },
      { kind: 'dropout', rate: 0.3 },
      { kind: 'dense', units: 16, activation: 'elu', l2: 0.01 },
      { kind: 'dense', units: 8, activation: 'sigmoid' },
    ],
    optimizer: 'rmsprop',
    learningRate: 0.01,
    extra: { weightDecay: 0.0001, earlyStopping: true, patience: 2, schedule: 'exponential', decayRate: 0.8 },
  },
  {
    name: 'iris (CSV classification)',
    dataset: 'iris',
    layers: [{ kind: 'dense', units: 16, activation: 'relu' }],
    optimizer: 'adagrad',
    learningRate: 0.1,
    // Class imbalance and class weights: train.py must thin the same counts and weigh them as the app does.
    // And k-fold: the export carries the browser's 3 folds, and train.py --folds runs them.
    extra: {
      imbalance: 'one',
      imbalanceClass: 2,
      imbalanceShare: 0.2,
      imbalanceValidation: true,
      classWeights: 'balanced',
      folds: 3,
      fold: 1,
    },
  },
  {
    name: 'cars (CSV regression)',
    dataset: 'cars',
    layers: [
      { kind: 'dense', units: 32, activation: 'relu' },
      { kind: 'dense', units: 16, activation: 'tanh' },
    ],
    optimizer: 'adam',
    learningRate: 0.01,
    extra: { schedule: 'cosine', warmupEpochs: 1.5 },
  },
  {
    name: 'hostile names (CSV)',
    dataset: 'hostile',
    layers: [{ kind: 'dense', units: 4, activation: 'relu' }],
    optimizer: 'adam',
    learningRate: 0.01,
    // Class weights set by hand: train.py must weigh the hostile-named classes by their index, as the app does.
    extra: { classWeights: 'hand', classWeightValues: '1, 2.5, 0.5' },
  },
];

/** Column and class names that are code, quotes, escapes and non-ASCII: they must stay strings in train.py. */
export const HOSTILE_NAMES = {
  // A name may spell a template marker of train_template.py: it must stay a name.
  columns: [`a'b"c # {{BUILD_MODEL}}`, 'x\ny', `'); import os; os.system("echo pwned") #`, 'label\\'],
  categories: [`o'k`, '\\', 'é ${x} # {{EXPERIMENT}}'],
  classes: [`it's`, '"""; raise SystemExit("pwned")', 'naïve 🚀\u2028'],
};

function hostileCsv(): string {
  const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
  const rows = Array.from({ length: 30 }, (_, i) => [
    String(i % 7),
    String((i * 13) % 5),
    HOSTILE_NAMES.categories[i % 3],
    HOSTILE_NAMES.classes[(i + (i >> 2)) % 3],
  ]);
  return [HOSTILE_NAMES.columns, ...rows].map((row) => row.map(quote).join(',')).join('\n');
}

let mnist: Dataset | null = null;
/** The bundled MNIST sample, read once for all its cases. */
function mnistSample(): Dataset {
  mnist ??= datasetFromIdxArrays(
    'MNIST sample',
    decodeIdx(gunzipSync(readFileSync(MNIST_IMAGES))),
    decodeIdx(gunzipSync(readFileSync(MNIST_LABELS))),
  );
  return mnist;
}

function loadData(spec: CaseSpec, config: ExperimentConfig): { ref: DatasetRef; dataset: Dataset; split: Split; info: DatasetInfo } {
  if (spec.dataset === 'mnist-sample') {
    const dataset = mnistSample();
    const ref: DatasetRef = { kind: 'mnist-sample' };
    const info = resolveDatasetInfo(ref, null).info!;
    return { ref, dataset, split: stratifiedSplit(dataset.y, config.validationSplit, config.seed), info };
  }
  if (spec.dataset === 'spiral') {
    const ref: DatasetRef = { kind: 'synthetic', shape: 'spiral', noise: 0.1, count: 300, features: [...FEATURES] };
    const dataset = withFeatures(generateSynthetic({ shape: 'spiral', count: 300, noise: 0.1, seed: config.seed }), FEATURES);
    return {
      ref,
      dataset,
      split: stratifiedSplit(dataset.y, config.validationSplit, config.seed),
      info: resolveDatasetInfo(ref, null).info!,
    };
  }
  const parsed = parseCsv(spec.dataset === 'hostile' ? hostileCsv() : readFileSync(join(DATA, 'samples', `${spec.dataset}.csv`), 'utf8'));
  const summary = summariseTable(parsed.table, parsed.header, parsed.delimiter, parsed.skipped);
  const options = defaultCsvOptions(summary);
  const ref: DatasetRef = {
    kind: 'csv',
    source: spec.dataset === 'hostile' ? { type: 'text' } : { type: 'sample', name: spec.dataset },
    header: parsed.header,
    options,
  };
  const built = buildCsvDataset(parsed.table, summary, options, experimentSplitter(config), config.seed, spec.dataset);
  const info = resolveDatasetInfo(ref, { table: summary, images: null }).info!;
  return { ref, dataset: built.dataset, split: built.split, info };
}

/** A few batches of training in tfjs, so the exported weights are trained ones. */
async function trainALittle(model: tf.LayersModel, dataset: Dataset, split: Split): Promise<void> {
  const { xs, labels } = makeBatch(dataset, split.train, 0, Math.min(64, split.train.length));
  // Regression targets standardised as the app trains them.
  const scale = targetScale(dataset, split.train);
  const ys =
    dataset.task === 'classification'
      ? tf.oneHot(tf.tensor1d(labels, 'int32'), dataset.classes.length)
      : tf.tensor2d(
          labels.map((v) => (v - scale.mean) / scale.std),
          [labels.length, 1],
        );
  model.compile({
    optimizer: tf.train.sgd(0.01),
    loss: dataset.task === 'classification' ? 'categoricalCrossentropy' : 'meanSquaredError',
  });
  await model.fit(xs, ys, { epochs: 3, batchSize: 16, verbose: 0 });
  xs.dispose();
  ys.dispose();
}

/** The app's class counts after the imbalance knob (as trainingData applies it), and its class weights. */
function imbalanceCounts(config: ExperimentConfig, dataset: Dataset, split: Split) {
  const settings = imbalanceSettings(config);
  const classes = dataset.classes.length;
  const train = imbalancedIndices(dataset.y, split.train, settings, config.seed, 'train');
  const validation = settings.validation
    ? imbalancedIndices(dataset.y, split.validation, settings, config.seed, 'validation')
    : split.validation;
  return {
    train: classCounts(dataset.y, train, classes),
    validation: classCounts(dataset.y, validation, classes),
    weights: [...(classWeightsFor(config, dataset, train) ?? [])],
  };
}

/** Every fold's training and validation sizes as the app's runs would have them (the knobs applied). */
function foldSizes(config: ExperimentConfig, dataset: Dataset) {
  const sizes = { k: config.folds, train: [] as number[], validation: [] as number[] };
  for (let fold = 1; fold <= config.folds; fold++) {
    const split = experimentSplitter({ ...config, fold })(dataset.y, dataset.task);
    const settings = imbalanceSettings(config);
    sizes.train.push(imbalancedIndices(dataset.y, split.train, settings, config.seed, 'train').length);
    sizes.validation.push(
      (settings.validation ? imbalancedIndices(dataset.y, split.validation, settings, config.seed, 'validation') : split.validation).length,
    );
  }
  return sizes;
}

/** The app's rates at some steps of a 7-epoch run of 13 steps an epoch, for Python to match. */
function scheduleRates(config: ExperimentConfig) {
  const perEpoch = 13;
  const epochs = 7;
  const steps = [1, 2, 7, 13, 14, 20, 27, 28, 45, 60, 77, 90, 91, 200];
  return { perEpoch, epochs, steps, rates: steps.map((step) => rateAt(config, config.learningRate, step, perEpoch, epochs * perEpoch)) };
}

export async function exportCase(spec: CaseSpec): Promise<ExportedCase> {
  const config: ExperimentConfig = {
    ...defaultConfig(),
    layers: spec.layers,
    optimizer: spec.optimizer,
    optimizerParams: defaultOptimizerParams(spec.optimizer),
    learningRate: spec.learningRate,
    epochs: 1,
    ...spec.extra,
  };
  const { ref, dataset, split, info } = loadData(spec, config);
  config.dataset = ref;
  const model = buildModel(config.layers, info.inputShape, info.output, config.seed);
  await trainALittle(model, dataset, split);
  const data = pythonData(exportData(dataset, split, true));
  const experiment: ExperimentFile = {
    app: 'training-playground',
    version: 1,
    link: 'http://app.invalid/#v=1',
    config,
    dataset: info.label,
    task: info.task,
    inputShape: info.inputShape,
    classes: info.classes,
    metrics: null,
    preprocessing: data.preprocessing,
  };
  const files = pythonProject({
    config,
    link: experiment.link,
    info,
    modelFiles: modelFiles(await exportArtifacts(model), experiment),
    data,
  });
  // Predictions of the browser's model on a few validation samples, for Python to match.
  const { xs } = makeBatch(dataset, split.validation, 0, Math.min(8, split.validation.length));
  const outputs = Array.from(await (model.predict(xs) as tf.Tensor).data());
  const inputs = Array.from(await xs.data());
  xs.dispose();
  // The CNN on the MNIST sample: the page's validation scores, which train.py must reproduce on its split.
  const pageScores = spec.name === 'lenet' ? await evaluate(model, dataset, split.validation, headFor(dataset, split.train)) : undefined;
  model.dispose();
  const check = checkModel(config.layers, info.inputShape, info.output);
  const args = spec.dataset === 'mnist-sample' ? ['--images', MNIST_IMAGES, '--labels', MNIST_LABELS] : [];
  return {
    name: spec.name,
    files,
    check: {
      params: check.totalParams,
      inputs,
      inputShape: info.inputShape,
      outputs,
      args: [...args, '--epochs', '1', '--limit', '256'],
      classes: info.classes,
      features: data.preprocessing?.features.map((f) => f.name) ?? [],
      ...(pageScores ? { pageScores, dataArgs: args } : {}),
      ...(config.schedule === 'constant' ? {} : { schedule: scheduleRates(config) }),
      ...(config.imbalance === 'off' && config.classWeights === 'off' ? {} : { imbalance: imbalanceCounts(config, dataset, split) }),
      ...(config.folds >= 2 ? { folds: foldSizes(config, dataset) } : {}),
      ...(check.ok && config.layers.some(isFrozen) ? { trainable: check.trainableParams } : {}),
    },
  };
}

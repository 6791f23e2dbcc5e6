// "Export as Python": a Keras 3 project that trains the same experiment at
// scale: train.py (the experiment as editable Python, the model as Keras
// layers, the data pipeline, the browser's weights read back, distribution),
// requirements.txt and requirements-cpu.txt, README.md, the model files, and data.csv for CSV and 2-D
// data. Pure: the page zips what this returns.
import type { DatasetRef, ExperimentConfig } from '../../config/experiment';
import type { CsvPreprocessing } from '../../data/csv/types';
import { parseClassWeights } from '../../data/imbalance';
import type { OutputSpec } from '../../model/spec';
import { kerasBuildModel } from './kerasModel';
import { pyString, pyValue, type PyValue } from './literal';
import { projectReadme, REQUIREMENTS, REQUIREMENTS_CPU } from './readme';
import template from './train_template.py?raw';

export interface PythonData {
  /** data.csv (CSV and 2-D data), or null for images. */
  csv: string | null;
  preprocessing: CsvPreprocessing | null;
  /** Regression: the training targets' mean and spread the model was trained against. */
  targetScale: { mean: number; std: number } | null;
  /** Images: split.json, the browser's split as indices (null for CSV and 2-D data, whose data.csv says it). */
  split?: string | null;
}

export interface PythonProjectInput {
  config: ExperimentConfig;
  link: string;
  info: { label: string; task: 'classification' | 'regression'; inputShape: number[]; output: OutputSpec; classes: string[] };
  /** model.json, weights.bin and experiment.json, as "Download model" saves them. */
  modelFiles: { name: string; bytes: Uint8Array }[];
  data: PythonData;
}

/** Class weights set by hand, one per class, as the run used them; a list that does not fit the classes is refused with its reason. */
function handWeights(config: ExperimentConfig, info: PythonProjectInput['info']): number[] {
  if (config.classWeights !== 'hand' || info.task !== 'classification') return [];
  const weights = parseClassWeights(config.classWeightValues, info.classes);
  if (typeof weights === 'string') throw new Error(`The Keras project cannot be written: ${weights}`);
  return weights;
}

function experimentValue(config: ExperimentConfig, info: PythonProjectInput['info']): PyValue {
  const p = config.optimizerParams;
  return {
    seed: config.seed,
    task: info.task,
    classes: info.classes,
    input_shape: info.inputShape,
    optimizer: config.optimizer,
    optimizer_params: {
      momentum: p.momentum,
      beta1: p.beta1,
      beta2: p.beta2,
      rho: p.rho,
      epsilon: p.epsilon,
      initial_accumulator: p.initialAccumulator,
    },
    learning_rate: config.learningRate,
    schedule: { name: config.schedule, decay_rate: config.decayRate, decay_every: config.decayEvery, warmup_epochs: config.warmupEpochs },
    batch_size: config.batchSize,
    epochs: config.epochs,
    validation_split: config.validationSplit,
    weight_decay: config.weightDecay,
    early_stopping: config.earlyStopping,
    patience: config.patience,
    train_fraction: config.trainFraction,
    label_noise: config.labelNoise,
    imbalance: {
      mode: config.imbalance,
      class: config.imbalanceClass,
      share: config.imbalanceShare,
      validation: config.imbalanceValidation,
    },
    class_weights: config.classWeights,
    class_weight_values: handWeights(config, info),
    folds: config.folds >= 2 ? config.folds : 0,
    stratified_folds: config.stratifiedFolds,
  };
}

function csvValue(prep: CsvPreprocessing): PyValue {
  return {
    target: prep.target,
    task: prep.task,
    classes: prep.classes,
    missing: prep.missing,
    drop_duplicates: prep.dropDuplicates,
    features: prep.features.map((f): PyValue =>
      f.type === 'numeric'
        ? { name: f.name, type: f.type, fill: f.fill, offset: f.offset, scale: f.scale }
        : { name: f.name, type: f.type, categories: f.categories, fill: f.fill },
    ),
  };
}

function dataValue(ref: DatasetRef, data: PythonData): PyValue {
  switch (ref.kind) {
    case 'synthetic':
      return { kind: 'synthetic', shape: ref.shape, features: ref.features };
    case 'csv':
      if (!data.preprocessing) throw new Error('The CSV data is not loaded; load it and train, then export.');
      return { kind: 'csv', csv: csvValue(data.preprocessing) };
    default:
      return { kind: ref.kind };
  }
}

/** The generated part of train.py: the experiment, the data description and the model. */
function configBlock(input: PythonProjectInput): string {
  return [
    '# The experiment as the browser ran it. Edit freely; the page that made it:',
    `LINK = ${pyString(input.link)}`,
    '',
    `EXPERIMENT = ${pyValue(experimentValue(input.config, input.info))}`,
    '',
    `DATA = ${pyValue(dataValue(input.config.dataset, input.data))}`,
    '',
    `TARGET_SCALE = ${pyValue(input.data.targetScale ? { mean: input.data.targetScale.mean, std: input.data.targetScale.std } : null)}`,
  ].join('\n');
}

/** train.py's source. Throws KerasExportError naming a layer Keras cannot rebuild. */
export function trainPy(input: PythonProjectInput): string {
  const parts: Record<string, string> = {
    EXPERIMENT: configBlock(input),
    BUILD_MODEL: kerasBuildModel(input.config.layers, input.info.inputShape, input.info.output),
  };
  // One pass over the template alone: generated text (which holds names from
  // the data, say a column called "# {{BUILD_MODEL}}") is never searched.
  return template.replace(/# \{\{([A-Z_]+)\}\}/g, (marker, name: string) => {
    if (!(name in parts)) throw new Error(`train_template.py has an unknown marker ${marker}.`);
    return parts[name];
  });
}

/** Every file of the project, in the order the page lists them. */
export function pythonProject(input: PythonProjectInput): { name: string; bytes: Uint8Array }[] {
  const encoder = new TextEncoder();
  const files = [
    { name: 'train.py', bytes: encoder.encode(trainPy(input)) },
    { name: 'requirements.txt', bytes: encoder.encode(REQUIREMENTS) },
    { name: 'requirements-cpu.txt', bytes: encoder.encode(REQUIREMENTS_CPU) },
    {
      name: 'README.md',
      bytes: encoder.encode(projectReadme(input.config.dataset, input.info.label, input.data.csv !== null, Boolean(input.data.split))),
    },
    ...input.modelFiles,
  ];
  if (input.data.csv !== null) files.push({ name: 'data.csv', bytes: encoder.encode(input.data.csv) });
  if (input.data.split) files.push({ name: 'split.json', bytes: encoder.encode(input.data.split) });
  return files;
}

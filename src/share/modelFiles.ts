// The trained model as files a person keeps: model.json and weights.bin in
// tfjs's LayersModel format (`tf.loadLayersModel` reads them), and
// experiment.json (the experiment, its link, the classes and the final
// scores). Reading them back checks everything before anything is used.
// Pure: no window, no tfjs.
import type { ExperimentConfig } from '../config/experiment';
import { outputFor } from '../config/datasets';
import { restoreConfig } from '../config/restore';
import { checkModel } from '../model/spec';
import type { SplitScores } from '../metrics/types';
import type { CsvPreprocessing } from '../data/csv/types';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

export interface ModelArtifacts {
  modelTopology: object;
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
}

export interface ExperimentFile {
  app: 'training-playground';
  version: 1;
  link: string;
  config: ExperimentConfig;
  dataset: string;
  task: 'classification' | 'regression';
  inputShape: number[];
  classes: string[];
  /** CSV data: the column encodings, fill values and scaling fitted on the training split. */
  preprocessing?: CsvPreprocessing | null;
  /** The scores of the model saved (after early stopping, the kept epoch's). */
  metrics: { epoch: number; validation: SplitScores } | null;
}

export const WEIGHTS_FILE = 'weights.bin';

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

const encoder = new TextEncoder();

/** The three files, ready to download. */
export function modelFiles(artifacts: ModelArtifacts, experiment: ExperimentFile): { name: string; bytes: Uint8Array }[] {
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'Training Playground',
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
  };
  return [
    { name: 'model.json', bytes: encoder.encode(JSON.stringify(modelJson)) },
    { name: WEIGHTS_FILE, bytes: new Uint8Array(artifacts.weightData) },
    { name: 'experiment.json', bytes: encoder.encode(JSON.stringify(experiment, null, 2)) },
  ];
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function parseJson(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ModelFileError(`${name} is not readable JSON.`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface OpenedModel {
  artifacts: ModelArtifacts;
  experiment: ExperimentFile;
  /** Notes from restoring the experiment (an older or edited file). */
  notes: string[];
  /** The weights as the app trains them, in order. */
  weights: { shape: number[]; values: Float32Array }[];
}

/** Reads model.json, its weight file and experiment.json; throws ModelFileError naming what is wrong. */
export function readModelFiles(files: readonly { name: string; bytes: Uint8Array }[]): OpenedModel {
  const find = (name: string) => files.find((file) => file.name === name || file.name.endsWith(`/${name}`));
  const modelFile = find('model.json') ?? files.find((file) => file.name.endsWith('.json') && file.name !== 'experiment.json');
  if (!modelFile) throw new ModelFileError('Choose the model.json saved by "Download model", with its weights.bin and experiment.json.');
  const model = parseJson(modelFile.bytes, modelFile.name);
  if (!isObject(model) || !isObject(model.modelTopology) || !Array.isArray(model.weightsManifest)) {
    throw new ModelFileError(`${modelFile.name} is not a TensorFlow.js layers model (no modelTopology or weightsManifest).`);
  }
  if (model.format !== undefined && model.format !== 'layers-model')
    throw new ModelFileError(`${modelFile.name} is a "${String(model.format).slice(0, 40)}" model; only layers models can be opened.`);
  const specs: WeightSpec[] = [];
  const parts: Uint8Array[] = [];
  for (const group of model.weightsManifest) {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights))
      throw new ModelFileError(`${modelFile.name}: its weights manifest is damaged.`);
    for (const path of group.paths) {
      const file = find(String(path));
      if (!file)
        throw new ModelFileError(
          `The weight file "${String(path).slice(0, 60)}" named in ${modelFile.name} was not chosen; choose it too.`,
        );
      parts.push(file.bytes);
    }
    for (const spec of group.weights) {
      if (!isObject(spec) || typeof spec.name !== 'string' || !Array.isArray(spec.shape) || typeof spec.dtype !== 'string')
        throw new ModelFileError(`${modelFile.name}: a weight entry is damaged.`);
      if (spec.quantization !== undefined) throw new ModelFileError(`${modelFile.name}: quantized weights cannot be trained further here.`);
      if (spec.dtype !== 'float32')
        throw new ModelFileError(`${modelFile.name}: weight ${spec.name} is ${spec.dtype}; this app trains float32 weights.`);
      const shape = spec.shape.map(Number);
      if (shape.length > MAX_WEIGHT_RANK || !shape.every((n) => Number.isInteger(n) && n >= 1 && n <= MAX_WEIGHT_DIM))
        throw new ModelFileError(
          `${modelFile.name}: weight ${spec.name.slice(0, 60)} has the shape [${spec.shape.map((n) => String(n).slice(0, 12)).join(', ')}]; a weight's sizes are whole numbers of at least 1.`,
        );
      specs.push({ name: spec.name, shape, dtype: spec.dtype });
    }
  }
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const expected = specs.reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1) * BYTES[spec.dtype], 0);
  if (total !== expected)
    throw new ModelFileError(
      `The weight file holds ${total.toLocaleString('en-US')} bytes; ${modelFile.name} describes ${expected.toLocaleString('en-US')}. They do not belong together.`,
    );
  const data = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    data.set(part, at);
    at += part.byteLength;
  }
  const experimentFile = find('experiment.json');
  if (!experimentFile)
    throw new ModelFileError(
      'Choose experiment.json too: it holds the layers and settings the model was built with (a model from another tool cannot be opened).',
    );
  const raw = parseJson(experimentFile.bytes, 'experiment.json');
  if (!isObject(raw) || raw.app !== 'training-playground') throw new ModelFileError('experiment.json was not written by this app.');
  const restored = restoreConfig(raw.config);
  const notes = [...restored.notes];
  const inputShape = Array.isArray(raw.inputShape) ? raw.inputShape.map(Number) : [];
  if (inputShape.length === 0 || !inputShape.every((n) => Number.isInteger(n) && n >= 1))
    throw new ModelFileError(
      'experiment.json: its inputShape is not a list of whole numbers, so the model cannot be checked against the data.',
    );
  const experiment: ExperimentFile = {
    app: 'training-playground',
    version: 1,
    link: typeof raw.link === 'string' ? raw.link : '',
    config: restored.config,
    dataset: typeof raw.dataset === 'string' ? raw.dataset.slice(0, 200) : '',
    task: raw.task === 'regression' ? 'regression' : 'classification',
    inputShape,
    classes: Array.isArray(raw.classes) ? raw.classes.map((c) => String(c).slice(0, 200)) : [],
    metrics: readMetrics(raw.metrics, notes),
  };
  const check = checkModel(experiment.config.layers, inputShape, outputFor(experiment.task, experiment.classes.length));
  const weightCount = specs.reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1), 0);
  if (!check.ok || check.totalParams !== weightCount)
    throw new ModelFileError(
      `The weights (${weightCount.toLocaleString('en-US')} values) do not fit the layers in experiment.json (${check.ok ? `${check.totalParams.toLocaleString('en-US')} parameters` : check.message}). They do not belong together.`,
    );
  const weights: { shape: number[]; values: Float32Array }[] = [];
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    weights.push({ shape: spec.shape, values: new Float32Array(data.buffer.slice(offset, offset + size * 4)) });
    offset += size * 4;
  }
  return {
    artifacts: { modelTopology: model.modelTopology, weightSpecs: specs, weightData: data.buffer },
    experiment,
    notes,
    weights,
  };
}

/** Weights of more dimensions, or larger along one, than any layer here makes are not weights of this app. */
const MAX_WEIGHT_RANK = 4;
const MAX_WEIGHT_DIM = 1 << 20;
const SCORE_KEYS: (keyof SplitScores)[] = ['loss', 'accuracy', 'precision', 'recall', 'f1', 'mae', 'r2'];

/** The saved scores, read field by field like a link: a value that is not a finite number is left out, with a note. */
function readMetrics(value: unknown, notes: string[]): ExperimentFile['metrics'] {
  if (value === null || value === undefined) return null;
  if (
    !isObject(value) ||
    !isObject(value.validation) ||
    typeof value.epoch !== 'number' ||
    !Number.isInteger(value.epoch) ||
    value.epoch < 0
  ) {
    notes.push('experiment.json: its saved scores are not readable and are not shown.');
    return null;
  }
  const validation: SplitScores = { loss: Number.NaN };
  const dropped: string[] = [];
  for (const key of SCORE_KEYS) {
    const score = value.validation[key];
    if (score === undefined) continue;
    if (typeof score === 'number' && Number.isFinite(score)) validation[key] = score;
    else dropped.push(key);
  }
  if (dropped.length > 0)
    notes.push(
      `experiment.json: the saved ${dropped.join(', ')} ${dropped.length > 1 ? 'are not numbers and are' : 'is not a number and is'} not shown.`,
    );
  return { epoch: value.epoch, validation };
}

/** Why the opened model cannot be used on the current data, or null when it can. */
export function mismatch(
  experiment: ExperimentFile,
  current: { inputShape: number[]; classes: string[]; task: string; label: string },
): string | null {
  if (experiment.inputShape.join('x') !== current.inputShape.join('x')) {
    return `The model takes input of shape [${experiment.inputShape.join(', ')}] (${experiment.dataset}); the current data (${current.label}) has [${current.inputShape.join(', ')}].`;
  }
  if (experiment.task !== current.task)
    return `The model does ${experiment.task}; the current data (${current.label}) needs ${current.task}.`;
  return null;
}

/**
 * Whether a kept model's output layer must be replaced on the current data:
 * it knew other classes (other names, or another count). Transfer keeps
 * every other layer's weights.
 */
export function outputReplaced(experiment: Pick<ExperimentFile, 'task' | 'classes'>, current: { classes: string[] }): boolean {
  return experiment.task === 'classification' && experiment.classes.join('\u0000') !== current.classes.join('\u0000');
}

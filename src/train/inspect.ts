// Looking inside a trained (or training) model: validation samples with
// their predictions, a prediction for one drawn or typed input, and the
// decision boundary of a 2-D set. Answers are small, plain data.
import * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../data/dataset';
import { sampleSize } from '../data/dataset';
import { makeBatch } from './batch';
import { targetScale, type Head } from './heads';
import { featureMaps, type FeatureMaps } from './featureMaps';
import { exportArtifacts, type ModelArtifactsOut } from './exportModel';
import { datasetCsv } from '../share/python/dataCsv';
import type { PythonData } from '../share/python/project';

/** What the model holds on to after (and during) a run, for inspection. */
export interface Inspectable {
  model: tf.LayersModel;
  dataset: Dataset;
  split: Split;
  head: Head;
}

export type InspectQuery =
  /** Validation samples, worst first; `actual` / `predicted` pick one confusion-matrix cell. */
  | { kind: 'samples'; actual: number | null; predicted: number | null; mistakesOnly: boolean; limit: number }
  /** Class probabilities (or the predicted value) for one input, as raw values (pixels 0-255 for images). */
  | { kind: 'predict'; input: number[] }
  /** The same for one CSV row typed by a person (cells in the file's column order). */
  | { kind: 'predict-row'; cells: string[] }
  /** Inside a CNN: feature maps and filters for validation sample number `sample`. */
  | { kind: 'feature-maps'; sample: number }
  /** The model's files (tfjs LayersModel artifacts), for download. */
  | { kind: 'export-model' }
  /** What a Keras project needs besides the model: the CSV preprocessing, the regression target scale, and data.csv when `csv` (it can be large). */
  | { kind: 'export-data'; csv: boolean };

export interface SampleView {
  /** Index in the dataset. */
  index: number;
  /** Class indices (classification) or values in the target's units (regression). */
  actual: number;
  predicted: number;
  /** Probability the model gives its prediction (classification; NaN for regression). */
  confidence: number;
  /** Image pixels (0-255) for image data. */
  pixels: number[] | null;
  /** The row as read from the file, for CSV data. */
  cells: string[] | null;
}

export type InspectResult =
  | { kind: 'samples'; items: SampleView[]; matching: number; header: string[] | null }
  | { kind: 'predict'; outputs: number[] }
  | ({ kind: 'feature-maps' } & FeatureMaps)
  | ({ kind: 'model' } & ModelArtifactsOut)
  | ({ kind: 'data' } & PythonData);

const BATCH = 512;

/** Outputs `[n, units]` of the model on validation samples, read back in batches. */
async function validationOutputs({ model, dataset, split }: Inspectable): Promise<Float32Array> {
  const units = (model.outputs[0].shape[1] as number) ?? 1;
  const out = new Float32Array(split.validation.length * units);
  for (let from = 0; from < split.validation.length; from += BATCH) {
    const { xs } = makeBatch(dataset, split.validation, from, Math.min(from + BATCH, split.validation.length));
    const outputs = model.predict(xs) as tf.Tensor;
    out.set(await outputs.data(), from * units);
    xs.dispose();
    outputs.dispose();
  }
  return out;
}

/** Rows of numbers without a source file (the 2-D sets) show their coordinates as x1, x2, … */
function rowHeader(dataset: Inspectable['dataset']): string[] | null {
  if (dataset.sourceHeader) return dataset.sourceHeader;
  if (dataset.featureNames) return dataset.featureNames;
  return dataset.sampleShape.length === 1 ? Array.from({ length: dataset.sampleShape[0] }, (_, i) => `x${i + 1}`) : null;
}

function rowCells(dataset: Inspectable['dataset'], index: number): string[] | null {
  if (dataset.sourceRows) return dataset.sourceRows[index];
  if (dataset.sampleShape.length !== 1) return null;
  const size = dataset.sampleShape[0];
  return Array.from(dataset.x.subarray(index * size, (index + 1) * size), (v) => v.toFixed(2));
}

/** Regression: validation rows with their predicted values, the largest error first. */
async function regressionSamples(target: Inspectable, limit: number): Promise<InspectResult> {
  const { dataset, split } = target;
  const outputs = await validationOutputs(target);
  const { mean, std } = targetScale(dataset, split.train);
  const rows = Array.from(split.validation, (index, k) => ({ index, actual: dataset.y[index], predicted: outputs[k] * std + mean }));
  rows.sort((a, b) => Math.abs(b.predicted - b.actual) - Math.abs(a.predicted - a.actual));
  const items = rows.slice(0, limit).map((row) => ({ ...row, confidence: Number.NaN, pixels: null, cells: rowCells(dataset, row.index) }));
  return { kind: 'samples', items, matching: rows.length, header: rowHeader(dataset) };
}

async function samples(target: Inspectable, query: Extract<InspectQuery, { kind: 'samples' }>): Promise<InspectResult> {
  const { dataset, split } = target;
  if (dataset.task !== 'classification') return regressionSamples(target, query.limit);
  const classes = dataset.classes.length;
  const outputs = await validationOutputs(target);
  const rows: { index: number; actual: number; predicted: number; confidence: number; badness: number }[] = [];
  split.validation.forEach((index, k) => {
    const p = outputs.subarray(k * classes, (k + 1) * classes);
    let predicted = 0;
    for (let c = 1; c < classes; c++) if (p[c] > p[predicted]) predicted = c;
    const actual = dataset.y[index];
    if (query.mistakesOnly && predicted === actual) return;
    if (query.actual !== null && actual !== query.actual) return;
    if (query.predicted !== null && predicted !== query.predicted) return;
    // Worst first: the least probability given to the true class.
    rows.push({ index, actual, predicted, confidence: p[predicted], badness: -Math.log(Math.max(p[actual], 1e-12)) });
  });
  rows.sort((a, b) => b.badness - a.badness);
  const size = sampleSize(dataset);
  const image = dataset.sampleShape.length === 3;
  const items = rows.slice(0, query.limit).map(({ badness: _badness, ...row }) => ({
    ...row,
    pixels: image ? Array.from(dataset.x.subarray(row.index * size, (row.index + 1) * size)) : null,
    cells: rowCells(dataset, row.index),
  }));
  return { kind: 'samples', items, matching: rows.length, header: rowHeader(dataset) };
}

/** Outputs for one model input: class probabilities, or the predicted value in the target's units. */
async function predictVector({ model, dataset, split }: Inspectable, values: ArrayLike<number>): Promise<InspectResult> {
  const xs = tf.tensor(Array.from(values), [1, ...dataset.sampleShape]);
  const outputs = model.predict(xs) as tf.Tensor;
  const raw = Array.from(await outputs.data());
  xs.dispose();
  outputs.dispose();
  if (dataset.task === 'regression') {
    const { mean, std } = targetScale(dataset, split.train);
    return { kind: 'predict', outputs: raw.map((z) => z * std + mean) };
  }
  return { kind: 'predict', outputs: raw };
}

async function predict(target: Inspectable, input: number[]): Promise<InspectResult> {
  const size = sampleSize(target.dataset);
  if (input.length !== size) throw new Error(`The input has ${input.length} values; the model takes ${size}.`);
  const scale = target.dataset.x instanceof Uint8Array ? 1 / 255 : 1;
  return predictVector(target, input.map((v) => v * scale));
}

/** What a Keras project needs besides the model. */
export function pythonData(dataset: Dataset, split: Split, csv = true): PythonData {
  return {
    csv: csv ? datasetCsv(dataset, split) : null,
    preprocessing: dataset.preprocessing ?? null,
    targetScale: dataset.task === 'regression' ? targetScale(dataset, split.train) : null,
  };
}

export function inspect(target: Inspectable, query: InspectQuery): Promise<InspectResult> {
  switch (query.kind) {
    case 'samples':
      return samples(target, query);
    case 'predict':
      return predict(target, query.input);
    case 'export-model':
      return exportArtifacts(target.model).then((artifacts) => ({ kind: 'model', ...artifacts }));
    case 'export-data':
      return Promise.resolve({ kind: 'data', ...pythonData(target.dataset, target.split, query.csv) });
    case 'feature-maps':
      return featureMaps(target, query.sample).then((maps) => ({ kind: 'feature-maps', ...maps }));
    case 'predict-row':
      if (!target.dataset.encodeRow) return Promise.reject(new Error('The model was not trained on CSV rows.'));
      return predictVector(target, target.dataset.encodeRow(query.cells));
  }
}

/** Grid size of the decision boundary image (TensorFlow Playground draws 100x100), and the square of the plane it covers. */
export const BOUNDARY_SIZE = 100;
export const BOUNDARY_EXTENT = 1.5;

let boundaryGrid: Float32Array | null = null;

/** The grid's points `[size * size, 2]`, row 0 at the top (largest y). */
function gridPoints(): Float32Array {
  if (boundaryGrid) return boundaryGrid;
  const n = BOUNDARY_SIZE;
  const grid = new Float32Array(n * n * 2);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const k = (row * n + col) * 2;
      grid[k] = -BOUNDARY_EXTENT + ((col + 0.5) / n) * 2 * BOUNDARY_EXTENT;
      grid[k + 1] = BOUNDARY_EXTENT - ((row + 0.5) / n) * 2 * BOUNDARY_EXTENT;
    }
  }
  boundaryGrid = grid;
  return grid;
}

/**
 * The model's output over the plane, as grey levels (0-255): the
 * probability of the last class, or the predicted value scaled between the
 * grid's own minimum and maximum. `predict` maps inputs `[n, 2]` to outputs.
 */
export async function decisionBoundary(predict: (values: Float32Array, count: number) => Promise<Float32Array>, task: Dataset['task']): Promise<{ values: Uint8Array; min: number; max: number }> {
  const count = BOUNDARY_SIZE * BOUNDARY_SIZE;
  const raw = await predict(gridPoints(), count);
  const units = raw.length / count;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = raw[i * units + (units - 1)];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const values = new Uint8Array(count);
  const span = Math.max(max - min, 1e-9);
  for (let i = 0; i < count; i++) {
    const v = raw[i * units + (units - 1)];
    values[i] = Math.round(task === 'classification' ? v * 255 : ((v - min) / span) * 255);
  }
  return { values, min, max };
}

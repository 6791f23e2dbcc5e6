// Looking inside a trained (or training) model: validation samples with
// their predictions, a prediction for one drawn or typed input, a CNN's
// feature maps. Answers are small, plain data. (The decision boundary of a
// 2-D set is boundary.ts; the model's files for download are export/.)
import * as tf from '@tensorflow/tfjs';
import { inputScale, sampleSize } from '../../data/dataset';
import { EVALUATION_BATCH } from '../engines/hostBatch';
import { makeBatch } from '../engines/batch';
import { targetScale } from '../engines/heads';
import { featureMaps, type FeatureMaps } from './featureMaps';
import type { Inspectable } from './inspectable';
import { CELL_CHARS, clip } from '../../lib/text';

export type { Inspectable };

export type InspectQuery =
  /** Validation samples, worst first; `actual` / `predicted` pick one confusion-matrix cell. */
  | { kind: 'samples'; actual: number | null; predicted: number | null; mistakesOnly: boolean; limit: number }
  /** Class probabilities (or the predicted value) for one input, as raw values (pixels 0-255 for images). */
  | { kind: 'predict'; input: number[] }
  /** The same for one CSV row typed by a person (cells in the file's column order). */
  | { kind: 'predict-row'; cells: string[] }
  /** Inside a CNN: feature maps and filters for validation sample number `sample`. */
  | { kind: 'feature-maps'; sample: number };

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
  | ({ kind: 'feature-maps' } & FeatureMaps);

/** Outputs `[n, units]` of the model on validation samples, read back in batches. */
async function validationOutputs({ model, dataset, split }: Inspectable): Promise<Float32Array> {
  const units = (model.outputs[0].shape[1] as number) ?? 1;
  const out = new Float32Array(split.validation.length * units);
  for (let from = 0; from < split.validation.length; from += EVALUATION_BATCH) {
    const { xs } = makeBatch(dataset, split.validation, from, Math.min(from + EVALUATION_BATCH, split.validation.length));
    const outputs = model.predict(xs) as tf.Tensor;
    out.set(await outputs.data(), from * units);
    xs.dispose();
    outputs.dispose();
  }
  return out;
}

/** Rows of numbers without a source file (the 2-D sets) show their coordinates as x1, x2, … */
function rowHeader(dataset: Inspectable['dataset']): string[] | null {
  if (dataset.sourceHeader) return dataset.sourceHeader.map((name) => clip(name));
  if (dataset.featureNames) return dataset.featureNames;
  return dataset.sampleShape.length === 1 ? Array.from({ length: dataset.sampleShape[0] }, (_, i) => `x${i + 1}`) : null;
}

function rowCells(dataset: Inspectable['dataset'], index: number): string[] | null {
  if (dataset.sourceRows) return dataset.sourceRows[index].map((cell) => clip(cell, CELL_CHARS));
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
  const scale = inputScale(target.dataset);
  return predictVector(
    target,
    input.map((v) => v * scale),
  );
}

export function inspect(target: Inspectable, query: InspectQuery): Promise<InspectResult> {
  switch (query.kind) {
    case 'samples':
      return samples(target, query);
    case 'predict':
      return predict(target, query.input);
    case 'feature-maps':
      return featureMaps(target, query.sample).then((maps) => ({ kind: 'feature-maps', ...maps }));
    case 'predict-row':
      if (!target.dataset.encodeRow) return Promise.reject(new Error('The model was not trained on CSV rows.'));
      return predictVector(target, target.dataset.encodeRow(query.cells));
  }
}

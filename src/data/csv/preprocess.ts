// Table + options -> Dataset and split. Rows without a target are dropped;
// missing features are dropped or filled; numbers are scaled and categories
// one-hot encoded. Fill values and scaling are fitted on the training rows
// only, so nothing about the validation rows leaks into training.
import type { Dataset, Split } from '../dataset';
import { randomSplit, stratifiedSplit } from '../split';
import type { Splitter } from '../folds';
import { CsvError } from './parse';
import { csvLayout, isMissing } from './infer';
import type { CsvOptions, CsvPreprocessing, FittedFeature, MissingStrategy, Scaling, Table, TableSummary } from './types';

export interface CsvDataset {
  dataset: Dataset;
  split: Split;
  /** Rows left out, and why. */
  dropped: { missingTarget: number; missingFeatures: number; duplicates: number };
}

interface NumericFit {
  fill: number;
  offset: number;
  scale: number;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mode<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestCount = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount) [best, bestCount] = [v, n];
  }
  return best;
}

/** Fill value and scaling of one numeric column, from the training rows' present values. */
export function fitNumeric(trainValues: number[], missing: MissingStrategy, scaling: Scaling): NumericFit {
  const present = trainValues.filter(Number.isFinite);
  if (present.length === 0) return { fill: 0, offset: 0, scale: 1 };
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const fill = missing === 'median' ? median(present) : missing === 'mode' ? (mode(present) ?? mean) : mean;
  const filled = trainValues.map((v) => (Number.isFinite(v) ? v : fill));
  if (scaling === 'standard') {
    const m = filled.reduce((a, b) => a + b, 0) / filled.length;
    const sd = Math.sqrt(filled.reduce((a, b) => a + (b - m) ** 2, 0) / filled.length);
    return { fill, offset: m, scale: sd > 1e-12 ? sd : 1 };
  }
  if (scaling === 'minmax') {
    const min = Math.min(...filled);
    const range = Math.max(...filled) - min;
    return { fill, offset: min, scale: range > 1e-12 ? range : 1 };
  }
  return { fill, offset: 0, scale: 1 };
}

const toNumber = (cell: string): number => (isMissing(cell) ? Number.NaN : Number(cell));

/** Builds the dataset and its seeded split; throws CsvError when the options give nothing to train on. */
export function buildCsvDataset(
  table: Table,
  summary: TableSummary,
  options: CsvOptions,
  validationSplit: number | Splitter,
  seed: number,
  name = 'CSV',
): CsvDataset {
  const layout = csvLayout(summary, options);
  if (!layout.ok) throw new CsvError(layout.message);
  const targetIndex = table.header.indexOf(options.target);
  const featureIndex = layout.features.map((f) => table.header.indexOf(f.name));
  const classIndex = new Map(layout.classes.map((c, i) => [c, i]));
  const dropped = { missingTarget: 0, missingFeatures: 0, duplicates: 0 };
  const seen = new Set<string>();
  const rows: string[][] = [];
  const labels: number[] = [];
  for (const row of table.rows) {
    const cell = row[targetIndex].trim();
    const label = layout.task === 'classification' ? classIndex.get(cell) : toNumber(cell);
    if (label === undefined || isMissing(cell) || !Number.isFinite(label)) {
      dropped.missingTarget++;
      continue;
    }
    if (options.dropDuplicates) {
      const key = JSON.stringify(featureIndex.map((c) => row[c].trim()).concat(cell));
      if (seen.has(key)) {
        dropped.duplicates++;
        continue;
      }
      seen.add(key);
    }
    if (
      options.missing === 'drop' &&
      layout.features.some(
        (f, k) => isMissing(row[featureIndex[k]]) || (f.type === 'numeric' && !Number.isFinite(toNumber(row[featureIndex[k]]))),
      )
    ) {
      dropped.missingFeatures++;
      continue;
    }
    rows.push(row);
    labels.push(label);
  }
  if (rows.length < 2)
    throw new CsvError(`Only ${rows.length} usable row${rows.length === 1 ? '' : 's'} left after dropping rows with missing values.`);

  const split =
    typeof validationSplit === 'function'
      ? validationSplit(labels, layout.task, rows)
      : layout.task === 'classification'
        ? stratifiedSplit(labels, validationSplit, seed)
        : randomSplit(rows.length, validationSplit, seed);
  const trainRows = Array.from(split.fitOn ?? split.train, (i) => rows[i]);
  const fitted: FittedFeature[] = [];
  // One encoder per feature, fitted on the training rows: writes its columns of a row into `into` at `at`.
  const encoders = layout.features.map((feature, k): ((row: string[], into: Float32Array, at: number) => void) => {
    const c = featureIndex[k];
    if (feature.type === 'numeric') {
      const fit = fitNumeric(
        trainRows.map((row) => toNumber(row[c])),
        options.missing,
        options.scaling,
      );
      fitted.push({ name: feature.name, type: 'numeric', ...fit });
      return (row, into, at) => {
        const v = toNumber(row[c] ?? '');
        into[at] = ((Number.isFinite(v) ? v : fit.fill) - fit.offset) / fit.scale;
      };
    }
    const position = new Map(feature.categories.map((value, i) => [value, i]));
    const fill = mode(trainRows.map((row) => row[c].trim()).filter((v) => !isMissing(v)));
    fitted.push({ name: feature.name, type: 'categorical', categories: feature.categories, fill: fill ?? null });
    return (row, into, at) => {
      const cell = row[c] ?? '';
      const value = isMissing(cell) ? fill : cell.trim();
      const index = value === undefined ? undefined : position.get(value);
      if (index !== undefined) into[at + index] = 1;
    };
  });
  const widths = layout.features.map((f) => (f.type === 'numeric' ? 1 : f.categories.length));
  const encodeInto = (row: string[], into: Float32Array, base: number) => {
    let at = base;
    encoders.forEach((encode, k) => {
      encode(row, into, at);
      at += widths[k];
    });
  };
  const x = new Float32Array(rows.length * layout.inputSize);
  rows.forEach((row, r) => encodeInto(row, x, r * layout.inputSize));
  /** A row typed by a person (cells in the file's column order), encoded as the model sees rows. */
  const encodeRow = (cells: string[]): Float32Array => {
    const into = new Float32Array(layout.inputSize);
    encodeInto(cells, into, 0);
    return into;
  };
  const y = layout.task === 'classification' ? Uint8Array.from(labels) : Float32Array.from(labels);
  const preprocessing: CsvPreprocessing = {
    target: options.target,
    task: layout.task,
    classes: layout.classes,
    missing: options.missing,
    dropDuplicates: options.dropDuplicates,
    features: fitted,
  };
  const dataset: Dataset = {
    name,
    task: layout.task,
    x,
    y,
    count: rows.length,
    sampleShape: [layout.inputSize],
    classes: layout.classes,
    sourceRows: rows,
    sourceHeader: table.header,
    preprocessing,
  };
  return { dataset: { ...dataset, encodeRow }, split, dropped };
}

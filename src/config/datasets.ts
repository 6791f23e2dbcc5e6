// Where an experiment's data comes from (plain, serialisable references),
// and what the app knows about each dataset before or after loading it.
import { csvLayout } from '../data/csv/infer';
import type { CsvOptions, CsvTask, TableSummary } from '../data/csv/types';
import { SYNTHETIC_LABELS, isRegressionShape, type SyntheticShape } from '../data/synthetic';
import type { OutputSpec } from '../model/spec';
import type { FeatureName } from '../data/features';

export const SAMPLE_CSVS = ['iris', 'penguins', 'cars', 'seattle-weather'] as const;
export type SampleCsv = (typeof SAMPLE_CSVS)[number];

/** Where a CSV comes from; a local file or pasted text cannot travel in a link. */
export type CsvSource =
  { type: 'sample'; name: SampleCsv } | { type: 'url'; url: string } | { type: 'file'; name: string } | { type: 'text' };

export type DatasetRef =
  | { kind: 'mnist-sample' }
  /** 10,000 Fashion-MNIST images (1,000 a class), bundled like the digits. */
  | { kind: 'fashion-sample' }
  /** The full 65,000-image sets, downloaded once and cached. */
  | { kind: 'mnist' }
  | { kind: 'fashion-mnist' }
  /** `features`: the model's inputs, computed from each point (data/features.ts). */
  | { kind: 'synthetic'; shape: SyntheticShape; noise: number; count: number; features: FeatureName[] }
  /** `options` is null until the table is loaded and its columns known. */
  | { kind: 'csv'; source: CsvSource; header: boolean | null; options: CsvOptions | null }
  /** IDX files the user uploaded (not shareable). */
  | { kind: 'idx'; name: string };

/**
 * Identifies the data a reference loads, on the page and in the worker: two
 * references with the same key read the same data, so the second needs no
 * new load. Null for data that is generated, never loaded (a 2-D set).
 */
export function dataKey(
  ref: Exclude<DatasetRef, { kind: 'csv' }> | Pick<Extract<DatasetRef, { kind: 'csv' }>, 'kind' | 'source' | 'header'>,
): string | null {
  switch (ref.kind) {
    case 'mnist-sample':
    case 'fashion-sample':
    case 'mnist':
    case 'fashion-mnist':
      return ref.kind;
    case 'csv':
      return `csv|${JSON.stringify(ref.source)}|${ref.header}`;
    case 'idx':
      return `idx|${ref.name}`;
    case 'synthetic':
      return null;
  }
}

/** Data the user's own files hold: it cannot be loaded again from a link or after a reload. */
export const isLocalData = (ref: Pick<DatasetRef, 'kind'> & { source?: CsvSource }) =>
  ref.kind === 'idx' || (ref.kind === 'csv' && (ref.source?.type === 'file' || ref.source?.type === 'text'));

export type DatasetKind = DatasetRef['kind'];
export const DATASET_KINDS: readonly DatasetKind[] = [
  'mnist-sample',
  'fashion-sample',
  'mnist',
  'fashion-mnist',
  'synthetic',
  'csv',
  'idx',
];

export const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** What the model builder and the charts need to know about a dataset. */
export interface DatasetInfo {
  label: string;
  task: CsvTask;
  /** One sample, e.g. [28, 28, 1] or [4]. */
  inputShape: number[];
  output: OutputSpec;
  classes: string[];
}

export function outputFor(task: CsvTask, classes: number): OutputSpec {
  return task === 'regression' ? { units: 1, activation: 'linear' } : { units: classes, activation: 'softmax' };
}

const image = (label: string, classes: string[]): DatasetInfo => ({
  label,
  task: 'classification',
  inputShape: [28, 28, 1],
  output: outputFor('classification', classes.length),
  classes,
});

/** What is known without loading anything; null for CSV and IDX data, which must be read first. */
export function knownDatasetInfo(ref: DatasetRef): DatasetInfo | null {
  switch (ref.kind) {
    case 'mnist-sample':
      return image('MNIST sample', DIGITS);
    case 'fashion-sample':
      return image('Fashion-MNIST sample', FASHION_CLASSES);
    case 'mnist':
      return image('MNIST (65,000 digits)', DIGITS);
    case 'fashion-mnist':
      return image('Fashion-MNIST (65,000 images)', FASHION_CLASSES);
    case 'synthetic': {
      const task = isRegressionShape(ref.shape) ? 'regression' : 'classification';
      const classes = task === 'regression' ? [] : ['blue', 'orange'];
      return {
        label: SYNTHETIC_LABELS[ref.shape],
        task,
        inputShape: [ref.features.length],
        output: outputFor(task, classes.length),
        classes,
      };
    }
    case 'csv':
    case 'idx':
      return null;
  }
}

/** Whether a link can bring this dataset back; if not, why (one line). */
export function shareability(ref: DatasetRef): { shareable: true } | { shareable: false; reason: string } {
  if (ref.kind === 'idx')
    return { shareable: false, reason: 'Uploaded IDX files stay on this computer; whoever opens the link is asked to load their own.' };
  if (ref.kind === 'csv' && (ref.source.type === 'file' || ref.source.type === 'text')) {
    return {
      shareable: false,
      reason:
        'This CSV came from a local file or pasted text, which a link cannot carry; whoever opens the link is asked to load their own.',
    };
  }
  return { shareable: true };
}

export function describeSource(ref: DatasetRef): string {
  if (ref.kind !== 'csv') return knownDatasetInfo(ref)?.label ?? `uploaded IDX files (${ref.kind === 'idx' ? ref.name : ''})`;
  switch (ref.source.type) {
    case 'sample':
      return `${ref.source.name}.csv (sample)`;
    case 'url':
      return ref.source.url;
    case 'file':
      return ref.source.name;
    case 'text':
      return 'pasted text';
  }
}

/** What the page knows once data is loaded: a CSV's table, or uploaded images' shape and classes. */
export interface LoadedData {
  table: TableSummary | null;
  images: { sampleShape: number[]; classes: string[] } | null;
}

/**
 * The dataset as the model sees it, or why there is none yet (a CSV whose
 * options leave nothing to train on, or data that still has to be loaded).
 */
export function resolveDatasetInfo(ref: DatasetRef, loaded: LoadedData | null): { info: DatasetInfo } | { info: null; problem: string } {
  const known = knownDatasetInfo(ref);
  if (known) return { info: known };
  if (ref.kind === 'idx') {
    if (!loaded?.images) return { info: null, problem: 'Load the IDX files of this experiment (images and labels).' };
    const { sampleShape, classes } = loaded.images;
    return {
      info: {
        label: ref.name,
        task: 'classification',
        inputShape: sampleShape,
        output: outputFor('classification', classes.length),
        classes,
      },
    };
  }
  if (ref.kind !== 'csv') return { info: null, problem: 'Unknown dataset.' };
  if (!loaded?.table || !ref.options) return { info: null, problem: `Load the CSV data (${describeSource(ref)}) to train on it.` };
  const layout = csvLayout(loaded.table, ref.options);
  if (!layout.ok) return { info: null, problem: layout.message };
  return {
    info: {
      label: describeSource(ref),
      task: layout.task,
      inputShape: [layout.inputSize],
      output: outputFor(layout.task, layout.classes.length),
      classes: layout.classes,
    },
  };
}

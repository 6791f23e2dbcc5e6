// What the app knows about each dataset before loading it.
import type { OutputSpec } from '../model/spec';
import type { DatasetRef } from './experiment';

export const DATASET_KINDS = ['mnist-sample'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export interface DatasetShape {
  /** Shown to people, e.g. in run history. */
  label: string;
  /** One sample, e.g. [28, 28, 1]. */
  inputShape: number[];
  output: OutputSpec;
}

/** The input and output of a dataset that is known ahead of loading. */
export function datasetShape(ref: DatasetRef): DatasetShape {
  switch (ref.kind) {
    case 'mnist-sample':
      return { label: 'MNIST sample', inputShape: [28, 28, 1], output: { units: 10, activation: 'softmax' } };
  }
}

import type { CsvPreprocessing } from './csv/types';
/** What a model learns: classify into `classes`, or regress one number. */
export type Task = 'classification' | 'regression';

/**
 * A dataset in memory. `x` holds `count` samples, each of `sampleShape`
 * (e.g. [28, 28, 1] for MNIST), row-major. Uint8Array pixels are scaled by
 * 1/255 when a batch is made; Float32Array features are used as they are.
 * For classification `y` holds class indices; for regression, target values.
 */
export interface Dataset {
  name: string;
  task: Task;
  x: Uint8Array | Float32Array;
  y: Uint8Array | Int32Array | Float32Array;
  count: number;
  sampleShape: number[];
  /** Class names, index = label; empty for regression. */
  classes: string[];
  /** For the 2-D sets: each sample's point on the plane `[count, 2]` (the model sees `featureNames` of it), and how points become model input. */
  plane?: { xy: Float32Array; toInput(points: Float32Array, count: number): Float32Array };
  /** Names of the input columns, when they are not a file's (the 2-D sets' features). */
  featureNames?: string[];
  /** For data read from a CSV: each sample's row as in the file, and the column names. */
  sourceRows?: string[][];
  sourceHeader?: string[];
  /** For CSV data: the column encodings, fill values and scaling fitted on the training rows. */
  preprocessing?: CsvPreprocessing;
  /** For CSV data: turns a row of cells (file column order) into model input, with the training split's fill values and scaling. */
  encodeRow?: (cells: string[]) => Float32Array;
}

/** The training / validation partition of a dataset, as sample indices. */
export interface Split {
  train: Uint32Array;
  validation: Uint32Array;
  /**
   * The validation rows before the class-imbalance knob thinned them, when
   * it did: an exported table marks these as validation, and the Keras
   * script thins them again, so no dropped validation row trains there.
   */
  validationBeforeKnobs?: Uint32Array;
  /** k-fold cross-validation: k, and each sample's fold (0..k-1), for the export to carry. */
  folds?: { k: number; of: Uint8Array };
  /**
   * The rows a table's encodings and scaling are fitted on, when not the
   * training rows: drift by a column fits them on the earlier rows, as the
   * deployed model was, whichever rows the run trains on.
   */
  fitOn?: Uint32Array;
  /** Rows this run neither trains nor validates on (drift by a column: the other side of the cut); the export leaves them out. */
  heldOut?: Uint32Array;
}

/** What raw inputs are multiplied by before a model sees them: image bytes become [0, 1], numbers stay. */
export function inputScale(dataset: Pick<Dataset, 'x'>): number {
  return dataset.x instanceof Uint8Array ? 1 / 255 : 1;
}

/** Number of values in one sample. */
export function sampleSize(dataset: Pick<Dataset, 'sampleShape'>): number {
  return dataset.sampleShape.reduce((a, b) => a * b, 1);
}

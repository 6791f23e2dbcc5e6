// Plain data describing a CSV table and how to turn it into a dataset.

/** How a column is used: as a number, as one-hot categories, or not at all. */
export type ColumnType = 'numeric' | 'categorical' | 'ignored';
export const COLUMN_TYPES: readonly ColumnType[] = ['numeric', 'categorical', 'ignored'];

/** A parsed table: every cell as text; `header` names each column. */
export interface Table {
  header: string[];
  rows: string[][];
}

export interface ColumnSummary {
  name: string;
  inferred: ColumnType;
  /** Why it was inferred so, in words: "numbers", "3 categories", "dates", "an identifier". */
  reason: string;
  missing: number;
  distinct: number;
  /** Every present value is a number (so the column can be numeric). */
  numeric: boolean;
  /** Every present value is a whole number. */
  integer: boolean;
  min?: number;
  max?: number;
  mean?: number;
  /** The most frequent values, most frequent first (at most 5). */
  top: { value: string; count: number }[];
  /** Every distinct value, most frequent first, when there are at most MAX_CLASSES. */
  categories: string[] | null;
}

export interface SkippedRows {
  count: number;
  /** Line numbers in the file (1-based), at most the first 20. */
  lines: number[];
}

export interface TableSummary {
  rows: number;
  columns: ColumnSummary[];
  /** The first rows, for the preview table. */
  preview: string[][];
  header: boolean;
  delimiter: string;
  skipped: SkippedRows;
}

export const MISSING_STRATEGIES = ['drop', 'mean', 'median', 'mode'] as const;
export type MissingStrategy = (typeof MISSING_STRATEGIES)[number];
export const SCALINGS = ['standard', 'minmax', 'none'] as const;
export type Scaling = (typeof SCALINGS)[number];
export type CsvTask = 'classification' | 'regression';

/** What the user chose; everything else about the table is inferred. */
export interface CsvOptions {
  /** Name of the column to predict. */
  target: string;
  task: CsvTask;
  /** Column types the user set by hand, overriding the inferred ones. */
  overrides: { column: string; type: ColumnType }[];
  missing: MissingStrategy;
  scaling: Scaling;
  dropDuplicates: boolean;
}

/** Tables larger than this are refused before they are read. */
export const MAX_CSV_BYTES = 50 * 2 ** 20;
/** A classification target with more classes than this is refused (regression is suggested). */
export const MAX_CLASSES = 50;

/** One feature column as fitted on the training rows: how its cells become model inputs. */
export type FittedFeature =
  /** input = ((cell, or `fill` when missing) - offset) / scale */
  | { name: string; type: 'numeric'; fill: number; offset: number; scale: number }
  /** One input per category (1 for the cell's, 0 otherwise); a missing cell counts as `fill`. */
  | { name: string; type: 'categorical'; categories: string[]; fill: string | null };

/** Everything needed to turn the file's rows into model inputs again (saved with a model, read by the Keras project). */
export interface CsvPreprocessing {
  target: string;
  task: CsvTask;
  classes: string[];
  missing: MissingStrategy;
  dropDuplicates: boolean;
  /** In input order. */
  features: FittedFeature[];
}

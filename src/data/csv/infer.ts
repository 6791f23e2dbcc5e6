// Column statistics and type inference for a parsed table: numbers,
// categories, or columns to leave out (identifiers, dates, free text).
import type { ColumnSummary, ColumnType, CsvOptions, CsvTask, SkippedRows, Table, TableSummary } from './types';
import { MAX_CLASSES } from './types';
import { CELL_CHARS, clip } from '../../lib/text';

/** Cells read as missing: empty, NA, N/A, NaN, null, "?" and "." (as in the penguins data). */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '?', '.']);
export const isMissing = (cell: string): boolean => MISSING.has(cell.trim().toLowerCase());

/** A text column with more distinct values than this is free text, not categories. */
const MAX_CATEGORIES = 50;
const DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/;
const PREVIEW_ROWS = 8;

function inferType(
  name: string,
  values: string[],
  distinct: number,
  numeric: boolean,
  integer: boolean,
  rows: number,
): [ColumnType, string] {
  if (values.length === 0) return ['ignored', 'every value is missing'];
  const allDistinct = distinct === values.length && rows > 10;
  if (numeric) {
    if (integer && allDistinct && /(^|[^a-z])id$|^id|_id$|index|^#$/i.test(name)) return ['ignored', 'an identifier (every value differs)'];
    return ['numeric', 'numbers'];
  }
  if (values.filter((v) => DATE.test(v.trim())).length >= 0.9 * values.length) return ['ignored', 'dates'];
  if (allDistinct) return ['ignored', 'an identifier or free text (every value differs)'];
  if (distinct > MAX_CATEGORIES) return ['ignored', `free text (${distinct} distinct values)`];
  return ['categorical', `${distinct} categories`];
}

function summariseColumn(name: string, cells: string[]): ColumnSummary {
  const present = cells.filter((cell) => !isMissing(cell)).map((cell) => cell.trim());
  const counts = new Map<string, number>();
  for (const value of present) counts.set(value, (counts.get(value) ?? 0) + 1);
  const numbers = present.map(Number);
  const numeric = present.length > 0 && numbers.every(Number.isFinite);
  const integer = numeric && numbers.every(Number.isInteger);
  const [inferred, reason] = inferType(name, present, counts.size, numeric, integer, cells.length);
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // Shown, never used as data: long values are clipped here, in the worker, so they never reach the page whole.
  const top = byFrequency.slice(0, 5).map(([value, count]) => ({ value: clip(value, CELL_CHARS), count }));
  const categories = counts.size <= MAX_CLASSES ? byFrequency.map(([value]) => value) : null;
  const summary: ColumnSummary = {
    name,
    inferred,
    reason,
    missing: cells.length - present.length,
    distinct: counts.size,
    numeric,
    integer,
    top,
    categories,
  };
  if (numeric) {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const n of numbers) {
      min = Math.min(min, n);
      max = Math.max(max, n);
      sum += n;
    }
    Object.assign(summary, { min, max, mean: sum / numbers.length });
  }
  return summary;
}

/** Statistics, inferred types and a preview of a parsed table. */
export function summariseTable(table: Table, header: boolean, delimiter: string, skipped: SkippedRows): TableSummary {
  const columns = table.header.map((name, c) =>
    summariseColumn(
      name,
      table.rows.map((row) => row[c]),
    ),
  );
  const preview = table.rows.slice(0, PREVIEW_ROWS).map((row) => row.map((cell) => clip(cell, CELL_CHARS)));
  return { rows: table.rows.length, columns, preview, header, delimiter, skipped };
}

/** A column's type after the user's overrides. */
export function columnType(summary: TableSummary, options: Pick<CsvOptions, 'overrides'>, name: string): ColumnType {
  const override = options.overrides.find((o) => o.column === name);
  return override?.type ?? summary.columns.find((c) => c.name === name)?.inferred ?? 'ignored';
}

/** Classification for text or a few distinct whole numbers; regression for other numbers. */
export function inferTask(column: ColumnSummary): CsvTask {
  if (!column.numeric) return 'classification';
  return column.integer && column.distinct <= 10 ? 'classification' : 'regression';
}

/** Sensible options for a freshly loaded table: the last column is the target. */
export function defaultCsvOptions(summary: TableSummary): CsvOptions {
  const target = summary.columns[summary.columns.length - 1];
  return { target: target.name, task: inferTask(target), overrides: [], missing: 'mean', scaling: 'standard', dropDuplicates: false };
}

/** What the table and options give the model: feature count, classes; or why they give nothing usable. */
export type CsvLayout =
  | {
      ok: true;
      features: { name: string; type: 'numeric' | 'categorical'; categories: string[] }[];
      inputSize: number;
      task: CsvTask;
      classes: string[];
    }
  | { ok: false; message: string };

/** Checks the options against the table's summary and lays out the model's input (the page and the worker agree on it). */
export function csvLayout(summary: TableSummary, options: CsvOptions): CsvLayout {
  const targetIndex = summary.columns.findIndex((c) => c.name === options.target);
  if (targetIndex < 0) return { ok: false, message: `There is no column named "${options.target}" to predict.` };
  const target = summary.columns[targetIndex];
  if (target.missing === summary.rows) return { ok: false, message: `The target column "${clip(target.name)}" has no values.` };
  let classes: string[] = [];
  if (options.task === 'classification') {
    if (target.distinct < 2)
      return {
        ok: false,
        message: `The target column "${clip(target.name)}" has only one class ("${clip(target.top[0]?.value ?? '')}"); there is nothing to learn.`,
      };
    if (target.distinct > MAX_CLASSES) {
      const hint = target.numeric ? ' It holds numbers: choose regression instead.' : '';
      return {
        ok: false,
        message: `The target column "${clip(target.name)}" has ${target.distinct} classes, more than ${MAX_CLASSES}.${hint}`,
      };
    }
    classes = (target.categories ?? []).slice().sort((a, b) => (target.numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  } else if (!target.numeric) {
    return {
      ok: false,
      message: `The target column "${clip(target.name)}" is not numeric, so it cannot be a regression target; choose classification.`,
    };
  }
  const features: { name: string; type: 'numeric' | 'categorical'; categories: string[] }[] = [];
  summary.columns.forEach((column, c) => {
    if (c === targetIndex) return;
    const type = columnType(summary, options, column.name);
    if (type === 'ignored' || column.missing === summary.rows) return;
    if (type === 'numeric' && !column.numeric) return;
    // Too many distinct values to be categories: the column cannot be one-hot encoded.
    if (type === 'categorical' && column.categories === null) return;
    features.push({ name: column.name, type, categories: type === 'categorical' ? (column.categories ?? []) : [] });
  });
  if (features.length === 0)
    return { ok: false, message: 'No column is usable as a feature: every column other than the target is ignored or empty.' };
  const inputSize = features.reduce((sum, f) => sum + (f.type === 'numeric' ? 1 : f.categories.length), 0);
  return { ok: true, features, inputSize, task: options.task, classes };
}

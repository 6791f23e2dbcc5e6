// The data a Keras project trains on, as data.csv: a CSV dataset's rows as
// read from the file (after the app's drop rules), or a 2-D set's points, each
// with the split it was in, so Python validates on the browser's rows. Image
// data is not written (the script reads MNIST through Keras or IDX files);
// its split is, as indices (split.json).
import Papa from 'papaparse';
import type { ExportData, ExportTable } from '../../train/export/exportData';
import type { PythonData } from './project';

/** The column that says which split a row was in ("train" or "validation"). */
export const SPLIT_COLUMN = '__split__';
/** With k-fold: the column of each row's fold (1..k), so `train.py --folds` runs the browser's folds. */
export const FOLD_COLUMN = '__fold__';

/** data.csv from the worker's table (null for images). */
export function datasetCsv(table: ExportTable | null): string | null {
  if (!table) return null;
  const which = new Array<string>(table.rows.length).fill('train');
  for (const i of table.validation) which[i] = 'validation';
  const folds = table.folds;
  if (folds)
    return Papa.unparse(
      { fields: [...table.fields, SPLIT_COLUMN, FOLD_COLUMN], data: table.rows.map((row, i) => [...row, which[i], folds[i] + 1]) },
      { newline: '\n' },
    );
  return Papa.unparse({ fields: [...table.fields, SPLIT_COLUMN], data: table.rows.map((row, i) => [...row, which[i]]) }, { newline: '\n' });
}

/** What a Keras project needs besides the model, from what the worker sent. */
export function pythonData(data: ExportData): PythonData {
  const split = data.imageSplit
    ? JSON.stringify({
        count: data.imageSplit.count,
        train: [...data.imageSplit.train],
        validation: [...data.imageSplit.validation],
        ...(data.imageSplit.folds ? { folds: [...data.imageSplit.folds].map((f) => f + 1) } : {}),
      })
    : null;
  return { csv: datasetCsv(data.table), preprocessing: data.preprocessing, targetScale: data.targetScale, split };
}

// What the page needs to write a Keras project besides the model: the rows
// the model trained on (as the file gave them, or a 2-D set's points), which
// split each row was in, the fitted CSV preprocessing, and the regression
// target's scale. Plain data; the page writes the files (share/python/).
import type { CsvPreprocessing } from '../../data/csv/types';
import type { Dataset, Split } from '../../data/dataset';
import { targetScale } from '../engines/heads';

/** Rows to write as data.csv: column names, cells, and the validation rows' indices. */
export interface ExportTable {
  fields: string[];
  rows: (string | number)[][];
  validation: Uint32Array;
  /** k-fold: each row's fold (0..k-1), written as data.csv's __fold__ (1..k). */
  folds?: Uint8Array;
}

export interface ExportData {
  /** CSV and 2-D data (when asked for: it can be large); null for images. */
  table: ExportTable | null;
  /** Images: the browser's split, as indices into the images in their order, so Python validates on the same ones. */
  imageSplit: { count: number; train: Uint32Array; validation: Uint32Array; folds?: Uint8Array } | null;
  preprocessing: CsvPreprocessing | null;
  /** Regression: the training targets' mean and spread the model was trained against. */
  targetScale: { mean: number; std: number } | null;
}

/** The rows of a CSV dataset as read from the file (after the app's drop rules), or a 2-D set's points; null for images. */
export function exportTable(dataset: Dataset, split: Split): ExportTable | null {
  const table = wholeTable(dataset, split);
  if (!table || !split.heldOut || split.heldOut.length === 0) return table;
  // Drift by a column: the rows on the other side of the cut are not written; indices move up to match.
  const out = new Set(split.heldOut);
  const kept = table.rows.map((_, i) => i).filter((i) => !out.has(i));
  const at = new Map(kept.map((i, k) => [i, k]));
  return {
    ...table,
    rows: kept.map((i) => table.rows[i]),
    validation: Uint32Array.from([...table.validation].filter((i) => at.has(i)).map((i) => at.get(i)!)),
    ...(table.folds ? { folds: Uint8Array.from(kept, (i) => table.folds![i]) } : {}),
  };
}

function wholeTable(dataset: Dataset, split: Split): ExportTable | null {
  // The Keras script applies the knobs itself to the rows as split: validation as it was before the imbalance knob.
  const validation = split.validationBeforeKnobs ?? split.validation;
  const folds = split.folds ? { folds: split.folds.of } : {};
  if (dataset.sourceRows && dataset.sourceHeader) return { fields: dataset.sourceHeader, rows: dataset.sourceRows, validation, ...folds };
  if (dataset.plane) {
    const { xy } = dataset.plane;
    const rows = Array.from({ length: dataset.count }, (_, i) => [xy[2 * i], xy[2 * i + 1], dataset.y[i]]);
    return { fields: ['x', 'y', 'label'], rows, validation, ...folds };
  }
  return null;
}

/** Everything besides the model; the table only when `withTable`. */
export function exportData(dataset: Dataset, split: Split, withTable: boolean): ExportData {
  return {
    table: withTable ? exportTable(dataset, split) : null,
    imageSplit:
      dataset.sourceRows || dataset.plane
        ? null
        : {
            count: dataset.count,
            train: split.train.slice(),
            validation: split.validation.slice(),
            ...(split.folds ? { folds: split.folds.of.slice() } : {}),
          },
    preprocessing: dataset.preprocessing ?? null,
    targetScale: dataset.task === 'regression' ? targetScale(dataset, split.train) : null,
  };
}

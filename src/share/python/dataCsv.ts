// The data a Keras project trains on, as data.csv: a CSV dataset's rows as
// read from the file (after the app's drop rules), or a 2-D set's points, each
// with the split it was in, so Python validates on the browser's rows. Image
// data is not written: the script reads MNIST through Keras or IDX files.
import Papa from 'papaparse';
import type { Dataset, Split } from '../../data/dataset';

/** The column that says which split a row was in ("train" or "validation"). */
export const SPLIT_COLUMN = '__split__';

function splitOf(count: number, split: Split): string[] {
  const which = new Array<string>(count).fill('train');
  for (const i of split.validation) which[i] = 'validation';
  return which;
}

/** data.csv for CSV and 2-D data; null for images. */
export function datasetCsv(dataset: Dataset, split: Split): string | null {
  const which = splitOf(dataset.count, split);
  if (dataset.sourceRows && dataset.sourceHeader) {
    return Papa.unparse({ fields: [...dataset.sourceHeader, SPLIT_COLUMN], data: dataset.sourceRows.map((row, i) => [...row, which[i]]) }, { newline: '\n' });
  }
  if (dataset.plane) {
    const { xy } = dataset.plane;
    const rows = Array.from({ length: dataset.count }, (_, i) => [xy[2 * i], xy[2 * i + 1], dataset.y[i], which[i]]);
    return Papa.unparse({ fields: ['x', 'y', 'label', SPLIT_COLUMN], data: rows }, { newline: '\n' });
  }
  return null;
}

import type { DatasetRef } from '../../config/datasets';
import { columnType } from '../../data/csv/infer';
import { COLUMN_TYPES, MISSING_STRATEGIES, SCALINGS, type ColumnType, type CsvOptions, type TableSummary } from '../../data/csv/types';
import { setCsvHeader, updateCsvOptions } from '../../state/dataActions';
import { SelectField, optionsOf } from '../controls/SelectField';
import { CsvColumns } from './CsvColumns';
import { clip } from '../../lib/text';

const MISSING_LABELS = {
  drop: 'drop the row',
  mean: 'fill with the mean',
  median: 'fill with the median',
  mode: 'fill with the most frequent value',
} as const;
const SCALING_LABELS = { standard: 'standardise (mean 0, sd 1)', minmax: 'min-max to [0, 1]', none: 'none' } as const;
const TASKS = ['classification', 'regression'] as const;

/** Target, task and preprocessing of the loaded CSV, with its columns and a preview. */
export function CsvOptionsForm({
  dataset,
  table,
  locked,
}: {
  dataset: Extract<DatasetRef, { kind: 'csv' }>;
  table: TableSummary;
  locked: boolean;
}) {
  const options = dataset.options as CsvOptions;
  const set = (patch: Partial<CsvOptions>) => updateCsvOptions((o) => ({ ...o, ...patch }));
  const setType = (column: string, type: ColumnType) =>
    updateCsvOptions((o) => ({ ...o, overrides: [...o.overrides.filter((x) => x.column !== column), { column, type }] }));
  return (
    <div className="csv-options" aria-label="CSV settings">
      <p className="hint" data-testid="csv-summary">
        {table.rows.toLocaleString('en-US')} rows, {table.columns.length} columns, separated by{' '}
        {table.delimiter === '\t' ? 'tabs' : `"${table.delimiter}"`}.
      </p>
      {table.skipped.count > 0 && (
        <p className="warning-text" role="status" data-testid="csv-skipped">
          Skipped {table.skipped.count} row{table.skipped.count === 1 ? '' : 's'} whose number of fields differs from the first row: line
          {table.skipped.lines.length === 1 ? '' : 's'} {table.skipped.lines.join(', ')}
          {table.skipped.count > table.skipped.lines.length ? ', …' : ''}.
        </p>
      )}
      <label className="field checkbox">
        <input type="checkbox" checked={table.header} disabled={locked} onChange={(event) => setCsvHeader(event.target.checked)} />
        <span>First row is a header</span>
      </label>
      {/* Options by column number: a name may be a megabyte long, and the DOM holds only its clipped label. */}
      <SelectField
        label="Target column"
        value={String(table.columns.findIndex((c) => c.name === options.target))}
        disabled={locked}
        options={table.columns.map((c, i) => [String(i), clip(c.name)] as const)}
        onChange={(index) => set({ target: table.columns[Number(index)].name })}
      />
      <SelectField label="Task" value={options.task} disabled={locked} options={optionsOf(TASKS)} onChange={(task) => set({ task })} />
      <SelectField
        label="Missing values"
        value={options.missing}
        disabled={locked}
        options={optionsOf(MISSING_STRATEGIES, MISSING_LABELS)}
        onChange={(missing) => set({ missing })}
      />
      <SelectField
        label="Scaling (fitted on the training split only)"
        value={options.scaling}
        disabled={locked}
        options={optionsOf(SCALINGS, SCALING_LABELS)}
        onChange={(scaling) => set({ scaling })}
      />
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={options.dropDuplicates}
          disabled={locked}
          onChange={(event) => set({ dropDuplicates: event.target.checked })}
        />
        <span>Drop duplicate rows</span>
      </label>
      <CsvColumns
        table={table}
        target={options.target}
        typeOf={(name) => columnType(table, options, name)}
        onType={setType}
        locked={locked}
        types={COLUMN_TYPES}
      />
    </div>
  );
}

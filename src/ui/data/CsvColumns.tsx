import { useState } from 'react';
import { ScrollBox } from '../ScrollBox';
import type { ColumnSummary, ColumnType, TableSummary } from '../../data/csv/types';
import { clip } from '../../lib/text';

interface Props {
  table: TableSummary;
  target: string;
  typeOf: (name: string) => ColumnType;
  onType: (name: string, type: ColumnType) => void;
  types: readonly ColumnType[];
  locked: boolean;
}

function stats(column: ColumnSummary): string {
  if (column.numeric && column.min !== undefined) return `min ${column.min}, max ${column.max}, mean ${column.mean?.toFixed(2)}`;
  return column.top.map((t) => `${t.value} (${t.count})`).join(', ');
}

/** A wide file shows this many columns at a time; the rest are found by name. */
const SHOWN_COLUMNS = 25;

/** Each column with its inferred type (changeable), missing count and statistics; then the first rows. */
export function CsvColumns({ table, target, typeOf, onType, types, locked }: Props) {
  const [find, setFind] = useState('');
  const wide = table.columns.length > SHOWN_COLUMNS;
  const needle = find.trim().toLowerCase();
  const matching = needle === '' ? table.columns : table.columns.filter((c) => c.name.toLowerCase().includes(needle));
  const shown = matching.slice(0, SHOWN_COLUMNS);
  const previewColumns = Math.min(table.columns.length, SHOWN_COLUMNS);
  return (
    <>
      {wide && (
        <div className="column-finder">
          <label className="field">
            <span>Find a column</span>
            <input type="search" value={find} onChange={(event) => setFind(event.target.value)} placeholder="part of its name" />
          </label>
          <p className="hint" data-testid="columns-shown">
            Showing {shown.length} of {matching.length.toLocaleString('en-US')} {needle === '' ? '' : 'matching '}columns
            {matching.length > shown.length ? '; type part of a name to find the others' : ''}.
          </p>
        </div>
      )}
      <ScrollBox label="Columns of the CSV">
        <table className="csv-columns" data-testid="csv-columns">
          <caption>Columns</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Use as</th>
              <th scope="col">Missing</th>
              <th scope="col">Statistics</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((column) => (
              <tr key={column.name} data-testid={`column-${clip(column.name)}`}>
                <th scope="row">{clip(column.name)}</th>
                <td>
                  {column.name === target ? (
                    'target'
                  ) : (
                    <select
                      aria-label={`Type of column ${clip(column.name)}`}
                      value={typeOf(column.name)}
                      disabled={locked}
                      onChange={(event) => onType(column.name, event.target.value as ColumnType)}
                    >
                      {types.map((type) => (
                        <option key={type} value={type} disabled={type === 'numeric' && !column.numeric}>
                          {type}
                        </option>
                      ))}
                    </select>
                  )}
                  <div className="hint">{column.reason}</div>
                </td>
                <td>{column.missing}</td>
                <td>{stats(column)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <ScrollBox label="First rows of the CSV">
        <table className="csv-preview" data-testid="csv-preview">
          <caption>First rows</caption>
          <thead>
            <tr>
              {table.columns.slice(0, previewColumns).map((c) => (
                <th key={c.name} scope="col">
                  {clip(c.name)}
                </th>
              ))}
              {wide && <th scope="col">… {(table.columns.length - previewColumns).toLocaleString('en-US')} more</th>}
            </tr>
          </thead>
          <tbody>
            {table.preview.map((row, r) => (
              <tr key={r}>
                {row.slice(0, previewColumns).map((cell, c) => (
                  <td key={c}>{cell}</td>
                ))}
                {wide && <td>…</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </>
  );
}

import { useState } from 'react';
import type { TableSummary } from '../../data/csv/types';
import { errorMessage } from '../../lib/assert';
import { predictRow } from '../../state/insightActions';
import { rowProblems } from '../../data/csv/rowInput';
import { clip } from '../../lib/text';

interface Props {
  table: TableSummary;
  target: string;
  /** Columns the model uses (others are not asked for). */
  features: string[];
  /** Of those, the ones that take numbers. */
  numeric: string[];
  task: 'classification' | 'regression';
  classes: string[];
}

/** Type one row and see what the model predicts for it. */
export function RowForm({ table, target, features, numeric, task, classes }: Props) {
  const first = table.preview[0] ?? [];
  // Start from the file's first row, so there is something to change.
  const [cells, setCells] = useState<string[]>(() => table.columns.map((_, c) => first[c] ?? ''));
  const [outputs, setOutputs] = useState<number[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const used = new Set(features);
  const problems = rowProblems(
    table.columns.map((column) => column.name),
    cells,
    new Set(numeric.filter((name) => used.has(name) && name !== target)),
  );
  const best = outputs ? outputs.indexOf(Math.max(...outputs)) : -1;
  return (
    <form
      className="row-form"
      data-testid="row-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (problems.size > 0) return;
        predictRow(cells)
          .then((values) => {
            setOutputs(values);
            setError(null);
          })
          .catch((e: unknown) => setError(errorMessage(e)));
      }}
    >
      <h3>Try it yourself: one row</h3>
      <div className="row-fields">
        {table.columns.map((column, c) =>
          column.name === target || !used.has(column.name) ? null : (
            <label key={column.name} className="field">
              <span>{clip(column.name)}</span>
              <input
                value={cells[c]}
                onChange={(event) => setCells(cells.map((v, k) => (k === c ? event.target.value : v)))}
                list={column.categories && !numeric.includes(column.name) ? `values-${c}` : undefined}
                inputMode={numeric.includes(column.name) ? 'decimal' : undefined}
                aria-invalid={problems.has(c)}
                aria-describedby={problems.has(c) ? `row-problem-${c}` : undefined}
              />
              {problems.has(c) && (
                <span className="field-error" id={`row-problem-${c}`} data-testid="row-problem">
                  {problems.get(c)}
                </span>
              )}
              {column.categories && (
                <datalist id={`values-${c}`}>
                  {column.categories.map((value) => (
                    <option key={value} value={value} />
                  ))}
                </datalist>
              )}
            </label>
          ),
        )}
      </div>
      <button type="submit" disabled={problems.size > 0}>
        Predict
      </button>
      {error && <p className="hint">{error}</p>}
      {outputs && task === 'regression' && (
        <p data-testid="row-prediction">
          Predicted {clip(target)}: <strong>{outputs[0].toFixed(3)}</strong>
        </p>
      )}
      {outputs && task === 'classification' && (
        <p data-testid="row-prediction">
          Predicted {clip(target)}: <strong>{classes[best]}</strong> ({(outputs[best] * 100).toFixed(1)}%) —{' '}
          {outputs.map((p, i) => `${classes[i]} ${(p * 100).toFixed(1)}%`).join(', ')}
        </p>
      )}
    </form>
  );
}

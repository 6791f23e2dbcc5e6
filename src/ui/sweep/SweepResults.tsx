import { KNOB_LABELS, sweepFolds } from '../../sweep/plan';
import { FoldCurves } from './FoldCurves';
import { CAPACITY_KNOBS, fittingCurve, foldSpread, readFitting, readSweep, groupRows, targetResolution } from '../../sweep/reading';
import { FittingChart } from './FittingChart';
import { summarise, sweepColumns, type SweepColumn, type SweepRow } from '../../sweep/results';
import { setSweepMetric } from '../../state/sweepActions';
import { completeRows, sweepCsv } from '../../sweep/active';
import { useAppStore } from '../../state/store';
import { downloadText } from '../history/download';
import { SweepChart } from './SweepChart';

const cell = (column: SweepColumn, value: number | undefined) => {
  if (value === undefined || !Number.isFinite(value)) return '—';
  // A run under MIN_TIMED_SECONDS gets no speed: the clock cannot support one.
  if (column.key === 'samplesPerSecond' && value === 0) return 'too short to time';
  if (column.key === 'samplesPerSecond' || column.key === 'steps' || column.key === 'stepsToTarget' || column.key === 'epochs')
    return Math.round(value).toLocaleString('en-US');
  if (column.key === 'seconds') return value.toFixed(1);
  return value.toFixed(3);
};

function MeanRow({ label, rows, columns }: { label: string; rows: SweepRow[]; columns: SweepColumn[] }) {
  const folds = rows.every((row) => row.fold !== undefined);
  return (
    <tr className="mean-row" data-testid="sweep-mean-row">
      <th scope="row">{label}: mean ± sd</th>
      <td colSpan={2}>
        {rows.length} {folds ? 'folds' : 'seeds'}
      </td>
      {columns.map((column) => {
        const stats = summarise(rows.map((row) => column.read(row) ?? Number.NaN));
        return <td key={column.key}>{stats ? `${cell(column, stats.mean)} ± ${cell(column, stats.sd)}` : '—'}</td>;
      })}
    </tr>
  );
}

/** The sweep's table (one row per run, and mean ± sd per value over seeds), its chart, its reading, and CSV export. */
export function SweepResults() {
  const active = useAppStore((state) => state.sweep.active);
  if (!active) return null;
  const columns = sweepColumns(active.task);
  const metric = columns.find((c) => c.key === active.spec.metric) ?? columns[0];
  const rows = [...active.rows].sort((a, b) => a.member - b.member);
  const folds = sweepFolds(active.spec);
  const seeds = active.spec.seeds > 1 || folds > 0;
  const capacity = CAPACITY_KNOBS.includes(active.spec.knob);
  const fitting = capacity ? fittingCurve(rows, active.task, active.spec.values) : [];
  const reading = [
    ...(capacity ? readFitting(fitting, active.task) : []),
    ...foldSpread(rows, active.task, metric.key),
    ...readSweep(active.spec.knob, rows, active.task, metric.key, active.spec.target),
  ];
  const resolution = targetResolution(rows);
  return (
    <div className="sweep-results">
      <label>
        <span>Chart</span>
        <select aria-label="Chart" value={metric.key} onChange={(event) => setSweepMetric(event.target.value)}>
          {columns.map((column) => (
            <option key={column.key} value={column.key}>
              {column.label}
            </option>
          ))}
        </select>
      </label>
      {active.spec.knob !== 'none' && <SweepChart knob={active.spec.knob} values={active.spec.values} rows={rows} column={metric} />}
      {folds > 0 && <FoldCurves rows={rows} task={active.task} valueIndex={0} />}
      {capacity && <FittingChart points={fitting} task={active.task} log={active.spec.knob === 'width'} />}
      <div className="table-scroll">
        <table className="sweep-table" data-testid="sweep-table">
          <caption>
            {KNOB_LABELS[active.spec.knob]}: {completeRows(active).length} of {active.members.length} runs
            {rows.some((row) => row.outcome === 'partial') && ' (and a part-run, marked: stopped before its end)'}
          </caption>
          <thead>
            <tr>
              <th scope="col">{KNOB_LABELS[active.spec.knob]}</th>
              <th scope="col">{folds > 0 ? 'fold' : 'seed'}</th>
              <th scope="col">backend</th>
              {columns.map((column) => (
                <th key={column.key} scope="col">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.member}
                data-testid="sweep-row"
                className={row.outcome === 'done' ? undefined : row.outcome === 'error' ? 'failed' : 'part-run'}
              >
                <th scope="row">
                  {row.label}
                  {row.outcome === 'partial' && (
                    <span className="hint" data-testid="part-run">
                      {' '}
                      (part-run: stopped after {row.steps.toLocaleString('en-US')} steps)
                    </span>
                  )}
                </th>
                <td>{row.fold ?? row.seed}</td>
                <td>
                  {row.backend ?? '—'}
                  {row.software && <span className="hint"> (software adapter: {row.software}, on the CPU)</span>}
                </td>
                {row.outcome === 'error' ? (
                  <td colSpan={columns.length}>failed{row.error ? `: ${row.error}` : ''}</td>
                ) : (
                  columns.map((column) => <td key={column.key}>{cell(column, column.read(row))}</td>)
                )}
              </tr>
            ))}
            {seeds && groupRows(rows).map((group) => <MeanRow key={group.label} label={group.label} rows={group.rows} columns={columns} />)}
          </tbody>
        </table>
      </div>
      {resolution && (
        <p className="hint" data-testid="sweep-resolution">
          Steps to target: {resolution}.
        </p>
      )}
      {reading.length > 0 && (
        <div className="sweep-reading" data-testid="sweep-reading">
          {reading.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
      )}
      <button
        type="button"
        data-testid="sweep-csv"
        disabled={rows.length === 0}
        onClick={() => downloadText(`sweep-${active.spec.knob}.csv`, sweepCsv(active), 'text/csv')}
      >
        Export table (CSV)
      </button>
    </div>
  );
}

import { DRIFT_LABELS, DRIFTS, type DriftKind } from '../../data/drift';
import { ROW_ORDER } from '../../data/columnDrift';
import { updateConfig } from '../../state/actions';
import { noteDriftedScore, retrainOnDrifted, scoreOnDrifted, undrift } from '../../state/driftActions';
import { useEffect } from 'react';
import { isLive, useAppStore } from '../../state/store';
import { selectConfig, selectStatus } from '../selectors';
import { RangeField } from '../controls/RangeField';
import { clip } from '../../lib/text';

const fixed = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3));

/** Before to after, in words: accuracy drops or rises; a loss rises (worse) or falls. */
function driftChange(before: number, after: number, classification: boolean): string {
  const by = fixed(Math.abs(before - after));
  if (classification) return after <= before ? `a drop of ${by}` : `a rise of ${by}: this drift made the task easier`;
  return after >= before ? `up by ${by}` : `down by ${by}: this drift made the task easier`;
}

/** The select's value for a drift column: '' (off), the row order, or the column's index. */
function columnValue(name: string, columns: readonly { name: string }[]): string {
  if (name === '' || name === ROW_ORDER) return name;
  const i = columns.findIndex((c) => c.name === name);
  return i < 0 ? '' : String(i);
}

function columnOf(value: string, columns: readonly { name: string }[]): string {
  if (value === '' || value === ROW_ORDER) return value;
  return columns[Number(value)]?.name ?? '';
}

/** Concept drift on a 2-D set: move the data under the trained model, score it there, and retrain from its weights. */
export function DriftLab() {
  const config = useAppStore(selectConfig);
  const status = useAppStore(selectStatus);
  const drift = useAppStore((state) => state.drift);
  const run = useAppStore((state) => state.run);
  const epochs = useAppStore((state) => state.metrics.epochs);
  const locked = isLive(status);
  const classification = run.task !== 'regression';
  const score = classification ? 'accuracy' : 'loss';
  const last = epochs[epochs.length - 1];
  const read = (scores: { accuracy?: number; loss: number } | undefined) => (classification ? scores?.accuracy : scores?.loss);
  const scoredNow = run.runId === drift.scoringRunId && status === 'done' ? read(last?.validation) : undefined;
  useEffect(() => {
    if (scoredNow !== undefined && drift.after === null) noteDriftedScore(scoredNow);
  }, [scoredNow, drift.after]);
  const scored = drift.after ?? scoredNow ?? null;
  const table = useAppStore((state) => (config.dataset.kind === 'csv' ? state.data.loaded?.table : null));
  if (config.dataset.kind !== 'synthetic' && !table) return null;
  const byColumn = config.dataset.kind === 'csv';
  const columnOff = byColumn && config.driftColumn === '';
  const retrained = run.runId === drift.retrainRunId ? read(last?.validation) : null;
  const trained = epochs.length > 0 && run.runId !== drift.scoringRunId;
  return (
    <section className="lab" aria-label="Concept drift">
      <h2>Concept drift</h2>
      {byColumn ? (
        <label className="field">
          <span>Drift by column</span>
          <select
            aria-label="Drift by column"
            value={columnValue(config.driftColumn, table!.columns)}
            disabled={locked}
            onChange={(event) => {
              const driftColumn = columnOf(event.target.value, table!.columns);
              updateConfig((c) => ({ ...c, driftColumn, driftApplied: false }));
            }}
          >
            <option value="">Off: train on every row</option>
            <option value={ROW_ORDER}>Row order (as in the file)</option>
            {/* Options carry the column's index, never its name: a 1 MB name must not reach the page whole. */}
            {table!.columns.map((column, i) => (
              <option key={i} value={String(i)}>
                {clip(column.name)} ({column.reason})
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="field">
          <span>How the data moves</span>
          <select
            aria-label="How the data moves"
            value={config.drift}
            disabled={locked}
            onChange={(event) => updateConfig((c) => ({ ...c, drift: event.target.value as DriftKind }))}
          >
            {DRIFTS.map((kind) => (
              <option key={kind} value={kind}>
                {DRIFT_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
      )}
      <RangeField
        name="Drift amount"
        text={
          byColumn
            ? `Later rows: the last ${Math.round(config.driftAmount * 100)} % by ${config.driftColumn === ROW_ORDER ? 'row order' : clip(config.driftColumn) || 'the column'}`
            : `Drift amount: ${Math.round(config.driftAmount * 100)} %`
        }
        min={byColumn ? 0.1 : 0}
        max={byColumn ? 0.9 : 1}
        step={0.05}
        value={config.driftAmount}
        disabled={locked || columnOff}
        onChange={(amount) => updateConfig((c) => ({ ...c, driftAmount: amount }))}
      />
      <div className="demo-actions" role="group" aria-label="Drift actions">
        <button
          type="button"
          data-testid="score-drifted"
          disabled={locked || columnOff || (!trained && drift.trained === null)}
          onClick={() => void scoreOnDrifted()}
        >
          Score on drifted data
        </button>
        <button type="button" data-testid="retrain-drifted" disabled={locked || drift.weights === null} onClick={retrainOnDrifted}>
          Retrain on the new data
        </button>
        {config.driftApplied && (
          <button type="button" className="link" disabled={locked} onClick={undrift}>
            Back to the original data
          </button>
        )}
      </div>
      {drift.error && (
        <p className="field-error" role="alert">
          {drift.error}
        </p>
      )}
      {drift.before !== null && (
        <p className="note" role="status" data-testid="drift-reading">
          Validation {score} of the trained model: {fixed(drift.before)} on the data it learned
          {scored !== null &&
            scored !== undefined &&
            `, ${fixed(scored)} on the drifted data (${driftChange(drift.before, scored, classification)})`}
          {retrained !== null && retrained !== undefined && `; after retraining on the new data from its weights: ${fixed(retrained)}`}.
        </p>
      )}
      {byColumn ? (
        <p className="hint">
          Pick a column that orders the rows in time (a date, a year, or the file&apos;s own order): runs train and validate on the earlier
          rows only. Scoring then meets the later rows, with the encodings and scaling fitted on the earlier ones, as a deployed model
          would; retraining goes on from its weights on the later rows.
        </p>
      ) : (
        <p className="hint">
          Train a model, then move the world under it: the same points rotated, shifted, or joined by a new cluster. Scoring shows what a
          model trained once is worth when the data changes; retraining goes on from its weights, and the curve shows the recovery.
        </p>
      )}
    </section>
  );
}

import { useState } from 'react';
import { isFrozen } from '../../model/spec';
import { KNOB_LABELS } from '../../sweep/plan';
import { epochsToCsv, isRegressionRecord, keptEpoch, recordToJson, type RunRecord } from '../../history/record';
import { encodeExperiment } from '../../share/codec';
import { deleteHistoryRun, renameHistoryRun, TAB_ID, toggleCompared } from '../../state/historyActions';
import { downloadText } from './download';
import { openExperiment } from '../../state/urlSync';
import { resumeHistoryRun } from '../../state/resumeActions';
import { startFromRun } from '../../state/keptModels';
import { isLive, useAppStore } from '../../state/store';

const score = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(3));
const OUTCOME_WORDS: Record<RunRecord['outcome'], string> = {
  done: 'done',
  stopped: 'stopped',
  error: 'error',
  running: 'training…',
  interrupted: 'interrupted (the page was closed or reloaded)',
};
const fileName = (record: RunRecord, ext: string) => `${record.name.replace(/[^\w-]+/g, '-')}.${ext}`;

/** One stored run: compare, rename, reopen, export, delete. */
export function RunRow({ record, compared }: { record: RunRecord; compared: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const kept = keptEpoch(record);
  const regression = isRegressionRecord(record);
  const busy = useAppStore((state) => isLive(state.run.status));
  const resumable = record.outcome === 'interrupted' && record.checkpoint !== undefined;
  const hasModel = useAppStore((state) => state.history.models.includes(record.id));
  return (
    <tr data-testid={`history-run-${record.id}`}>
      <td>
        <input type="checkbox" aria-label={`Compare ${record.name}`} checked={compared} onChange={() => toggleCompared(record.id)} />
      </td>
      <td>
        {editing === null ? (
          <span className="run-name">{record.name}</span>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void renameHistoryRun(record.id, editing);
              setEditing(null);
            }}
          >
            <input
              aria-label={`New name for ${record.name}`}
              value={editing}
              autoFocus
              onChange={(event) => setEditing(event.target.value)}
            />
            <button type="submit">Save</button>
          </form>
        )}
        <div className="hint">
          {new Date(record.finishedAt).toLocaleString()} ·{' '}
          <span className={`outcome outcome-${record.outcome}`}>
            {OUTCOME_WORDS[record.outcome]}
            {record.outcome === 'running' &&
              record.owner !== undefined &&
              record.owner !== TAB_ID &&
              ' (in another tab; reopen this page to see how far it got)'}
          </span>{' '}
          {record.outcome === 'interrupted' && !resumable && record.resumeNote && (
            <span className="hint" data-testid="history-resume-note">
              {record.resumeNote}{' '}
            </span>
          )}
          · {record.backend ?? '—'}
          {record.sweep && (
            <span className="sweep-tag" data-testid="history-sweep-tag">
              {' '}
              · in a sweep: {KNOB_LABELS[record.sweep.knob].toLowerCase()} = {record.sweep.label}
            </span>
          )}
        </div>
      </td>
      <td>
        {record.datasetLabel}
        {record.startedFrom && (
          <div className="hint" data-testid="history-started-from">
            from {record.startedFrom}
            {record.config.layers.some(isFrozen) && `; ${record.config.layers.filter(isFrozen).length} layer(s) frozen`}
          </div>
        )}
      </td>
      <td>{record.totalParams.toLocaleString('en-US')}</td>
      <td>{score(kept?.validation.loss)}</td>
      <td data-testid="history-scores">
        {regression
          ? `MAE ${score(kept?.validation.mae)} · R² ${score(kept?.validation.r2)}`
          : `accuracy ${score(kept?.validation.accuracy)} · F1 ${score(kept?.validation.f1)}`}
        {record.restoredEpoch !== null && kept && <div className="hint">epoch {kept.epoch}, kept by early stopping</div>}
      </td>
      <td className="run-actions">
        {resumable && (
          <button
            type="button"
            data-testid="history-resume"
            aria-label={`Resume ${record.name} from epoch ${record.checkpoint!.epoch}`}
            title={busy ? 'Stop the run in progress first' : 'Go on from the last checkpoint, on the same backend, seeded'}
            disabled={busy}
            onClick={() => void resumeHistoryRun(record.id)}
          >
            Resume from epoch {record.checkpoint!.epoch}
          </button>
        )}
        {hasModel && (
          <button
            type="button"
            data-testid="history-start-from"
            aria-label={`Start from the model of ${record.name}`}
            title={
              busy
                ? 'Stop the run in progress first'
                : 'The next run starts from this run’s trained weights, on the data now chosen: on other classes its output layer is replaced (transfer); freeze layers in the builder to keep them as they are'
            }
            disabled={busy}
            onClick={() => void startFromRun(record.id)}
          >
            Start from this model
          </button>
        )}
        <a
          href={`#${encodeExperiment(record.config)}`}
          aria-label={`Open the experiment of ${record.name}`}
          onClick={(event) => {
            if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
            event.preventDefault();
            openExperiment(encodeExperiment(record.config));
          }}
        >
          Open
        </a>
        <button type="button" aria-label={`Rename ${record.name}`} onClick={() => setEditing(record.name)}>
          Rename
        </button>
        <button
          type="button"
          aria-label={`Export ${record.name} as CSV`}
          onClick={() => downloadText(fileName(record, 'csv'), epochsToCsv(record), 'text/csv')}
        >
          CSV
        </button>
        <button
          type="button"
          aria-label={`Export ${record.name} as JSON`}
          onClick={() => downloadText(fileName(record, 'json'), recordToJson(record), 'application/json')}
        >
          JSON
        </button>
        <button type="button" aria-label={`Delete ${record.name}`} onClick={() => void deleteHistoryRun(record.id)}>
          Delete
        </button>
      </td>
    </tr>
  );
}

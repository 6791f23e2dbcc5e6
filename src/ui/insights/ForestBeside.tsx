import type { SplitScores } from '../../metrics/types';
import { FOREST_TREES, growForestBesideRun } from '../../state/forestActions';
import { isLive, useAppStore } from '../../state/store';
import { selectKeptEpoch } from '../selectors';
import { useThrottledStore } from '../charts/useThrottledStore';
import { INSIGHT_REFRESH_MS } from '../charts/limits';

const CLASSIFICATION: [keyof SplitScores, string][] = [
  ['accuracy', 'accuracy'],
  ['f1', 'F1 (macro)'],
  ['precision', 'precision'],
  ['recall', 'recall'],
];
const REGRESSION: [keyof SplitScores, string][] = [
  ['loss', 'MSE'],
  ['mae', 'MAE'],
  ['r2', 'R²'],
];
const fixed = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3));

/** "Do I even need a neural network for this table?": a random forest on the same split, its validation scores beside the network's. */
export function ForestBeside() {
  const config = useAppStore((state) => state.run.config);
  const runId = useAppStore((state) => state.run.runId);
  const status = useAppStore((state) => state.run.status);
  const task = useAppStore((state) => state.run.task);
  const kept = useThrottledStore(selectKeptEpoch, INSIGHT_REFRESH_MS);
  const state = useAppStore((s) => s.forest);
  if (!config || !kept || !task) return null;
  const stale = state.runId !== runId;
  const busy = isLive(status);
  const rows = task === 'regression' ? REGRESSION : CLASSIFICATION;
  const grow = () => void growForestBesideRun();
  const result = stale ? null : state.result;
  return (
    <div className="forest" data-testid="forest">
      <h3>A random forest beside the network</h3>
      <p className="hint">
        Do you even need a neural network for this? {FOREST_TREES} trees (ml-random-forest) grow on the same training split; both are scored
        on the same validation split.
      </p>
      <button type="button" data-testid="forest-button" disabled={busy || (!stale && state.status === 'running')} onClick={grow}>
        Train a random forest
      </button>
      {!stale && state.status === 'running' && (
        <span role="status">
          {' '}
          <progress value={state.fraction} max={1} aria-label="Random forest progress" /> {Math.round(state.fraction * FOREST_TREES)} of{' '}
          {FOREST_TREES} trees
        </span>
      )}
      {!stale && state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
      {result && (
        <table className="forest-table" data-testid="forest-table">
          <caption>
            {result.trees} trees on {result.trainSamples.toLocaleString('en-US')} training samples, grown in {result.seconds.toFixed(1)} s
          </caption>
          <thead>
            <tr>
              <th scope="col">validation</th>
              <th scope="col">network (epoch {kept.epoch})</th>
              <th scope="col">random forest</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, label]) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td>{fixed(kept.validation[key])}</td>
                <td>{fixed(result.validation[key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

import { useState } from 'react';
import { useAppStore } from '../../state/store';
import { useDatasetInfo } from '../model/useDatasetInfo';
import { selectEpochCount, selectKeptEpoch } from '../selectors';
import { useThrottledStore } from '../charts/useThrottledStore';
import { INSIGHT_REFRESH_MS } from '../charts/limits';
import { ConfusionMatrixView, type CellFilter } from './ConfusionMatrixView';
import { DrawCanvas } from './DrawCanvas';
import { CnnExplainer } from './CnnExplainer';
import { Gallery } from './Gallery';
import { RowForm } from './RowForm';
import { ForestBeside } from './ForestBeside';
import { columnType } from '../../data/csv/infer';
import { useThrottledValue } from '../charts/useThrottledValue';
import { insightRefreshMs } from '../../state/insightActions';

/** What the model gets right and wrong: confusion matrix, gallery, drawing, a typed row. */
export function Insights() {
  // Throttled: a tiny net ends hundreds of epochs a second, and these views need not follow each one.
  const epochCount = useThrottledStore(selectEpochCount, INSIGHT_REFRESH_MS);
  const task = useAppStore((state) => state.run.task);
  const runId = useAppStore((state) => state.run.runId);
  const status = useAppStore((state) => state.run.status);
  const dataset = useAppStore((state) => state.config.dataset);
  const table = useAppStore((state) => state.data.loaded?.table ?? null);
  const { info } = useDatasetInfo();
  const [filter, setFilter] = useState<CellFilter | null>(null);
  // The model as it now is: after early stopping, the epoch whose weights were put back.
  const last = useThrottledStore(selectKeptEpoch, INSIGHT_REFRESH_MS);
  const classes = info?.classes ?? [];
  const trained = last !== null && task === 'classification';
  const image = info && info.inputShape.length === 3 ? info.inputShape : null;
  const convolutional = useAppStore((state) => state.config.layers.some((layer) => layer.kind === 'conv2d'));
  const drawable = image !== null && image[0] === 28 && image[1] === 28 && image[2] === 1;
  // New weights after each epoch and when a run ends: views that ask the model
  // ask again, at most twice a second (a tiny net ends hundreds of epochs a second), and less often when asking costs.
  const version = useThrottledValue(`${runId}-${epochCount}-${status}`, insightRefreshMs());
  return (
    <section className="insights" aria-label="Insight views">
      <h2>Insight views</h2>
      {!last && <p className="hint">Train for an epoch to see what the model gets right and wrong.</p>}
      {trained && last.confusion && classes.length === last.confusion.length && (
        <ConfusionMatrixView matrix={last.confusion} classes={classes} epoch={last.epoch} selected={filter} onSelect={setFilter} />
      )}
      {trained && (
        <Gallery
          task="classification"
          classes={classes}
          imageShape={image}
          filter={filter}
          onClearFilter={() => setFilter(null)}
          version={version}
        />
      )}
      {last && task === 'regression' && dataset.kind === 'csv' && (
        <Gallery task="regression" classes={[]} imageShape={null} filter={null} onClearFilter={() => undefined} version={version} />
      )}
      {trained && image && convolutional && <CnnExplainer classes={classes} version={version} />}
      {trained && drawable && <DrawCanvas classes={classes} />}
      {last && info && info.inputShape.length === 1 && <ForestBeside />}
      {last && task && dataset.kind === 'csv' && dataset.options && table && (
        <RowForm
          table={table}
          target={dataset.options.target}
          features={table.columns.filter((c) => columnType(table, dataset.options!, c.name) !== 'ignored').map((c) => c.name)}
          numeric={table.columns.filter((c) => columnType(table, dataset.options!, c.name) === 'numeric').map((c) => c.name)}
          task={task}
          classes={classes}
        />
      )}
    </section>
  );
}

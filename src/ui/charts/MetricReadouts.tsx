import { useAppStore } from '../../state/store';
import { selectBatches, selectEpochs } from '../selectors';
import { useTask } from '../model/useTask';

function format(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(4);
}

function Readout({ label, testId, value }: { label: string; testId: string; value: number | undefined }) {
  return (
    <div className="readout">
      <dt>{label}</dt>
      <dd>
        {/* The number alone, so tests and screen readers read a plain value. */}
        <span data-testid={testId}>{format(value)}</span>
      </dd>
    </div>
  );
}

/**
 * Latest values: training loss and accuracy from the latest batch until an
 * epoch ends, then the epoch's figures; F1 and validation figures per epoch.
 * Regression shows MSE, MAE and R² instead.
 */
export function MetricReadouts() {
  const batches = useAppStore(selectBatches);
  const epochs = useAppStore(selectEpochs);
  const lastBatch = batches[batches.length - 1];
  const lastEpoch = epochs[epochs.length - 1];
  const batchIsNewer = lastBatch !== undefined && (!lastEpoch || lastBatch.step > lastEpoch.step);
  if (useTask() === 'regression') {
    return (
      <section aria-label="Latest metrics" className="readouts">
        <dl>
          <Readout label="MSE" testId="metric-loss" value={batchIsNewer ? lastBatch.loss : lastEpoch?.train.loss} />
          <Readout label="MAE" testId="metric-mae" value={lastEpoch?.train.mae} />
          <Readout label="R²" testId="metric-r2" value={lastEpoch?.train.r2} />
          <Readout label="Val MSE" testId="metric-val-loss" value={lastEpoch?.validation.loss} />
          <Readout label="Val MAE" testId="metric-val-mae" value={lastEpoch?.validation.mae} />
          <Readout label="Val R²" testId="metric-val-r2" value={lastEpoch?.validation.r2} />
        </dl>
      </section>
    );
  }
  return (
    <section aria-label="Latest metrics" className="readouts">
      <dl>
        <Readout label="Loss" testId="metric-loss" value={batchIsNewer ? lastBatch.loss : lastEpoch?.train.loss} />
        <Readout label="Accuracy" testId="metric-accuracy" value={batchIsNewer ? lastBatch.accuracy : lastEpoch?.train.accuracy} />
        <Readout label="F1 (macro)" testId="metric-f1" value={lastEpoch?.train.f1} />
        <Readout label="Val loss" testId="metric-val-loss" value={lastEpoch?.validation.loss} />
        <Readout label="Val accuracy" testId="metric-val-accuracy" value={lastEpoch?.validation.accuracy} />
        <Readout label="Val F1 (macro)" testId="metric-val-f1" value={lastEpoch?.validation.f1} />
      </dl>
    </section>
  );
}

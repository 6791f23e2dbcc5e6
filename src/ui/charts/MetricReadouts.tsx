import { useAppStore } from '../../state/store';
import type { SplitScores } from '../../metrics/types';
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

/** The three scores shown per task; the first, loss, follows the latest batch until an epoch ends. */
const SCORES = {
  classification: [
    ['Loss', 'Val loss', 'loss'],
    ['Accuracy', 'Val accuracy', 'accuracy'],
    ['F1 (macro)', 'Val F1 (macro)', 'f1'],
  ],
  regression: [
    ['MSE', 'Val MSE', 'loss'],
    ['MAE', 'Val MAE', 'mae'],
    ['R²', 'Val R²', 'r2'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string, keyof SplitScores])[]>;

/**
 * Latest values: training loss (and accuracy) from the latest batch until an
 * epoch ends, then the epoch's figures; the other scores and the validation
 * figures per epoch. Classification shows loss, accuracy and macro F1;
 * regression MSE, MAE and R².
 */
export function MetricReadouts() {
  const batches = useAppStore(selectBatches);
  const epochs = useAppStore(selectEpochs);
  const scores = SCORES[useTask()];
  const lastBatch = batches[batches.length - 1];
  const lastEpoch = epochs[epochs.length - 1];
  const batchIsNewer = lastBatch !== undefined && (!lastEpoch || lastBatch.step > lastEpoch.step);
  // Loss and accuracy exist per batch; the rest only per epoch.
  const train = (key: keyof SplitScores) => (batchIsNewer && (key === 'loss' || key === 'accuracy') ? lastBatch[key] : lastEpoch?.train[key]);
  return (
    <section aria-label="Latest metrics" className="readouts">
      <dl>
        {scores.map(([label, , key]) => (
          <Readout key={key} label={label} testId={`metric-${key}`} value={train(key)} />
        ))}
        {scores.map(([, label, key]) => (
          <Readout key={`val-${key}`} label={label} testId={`metric-val-${key}`} value={lastEpoch?.validation[key]} />
        ))}
      </dl>
    </section>
  );
}

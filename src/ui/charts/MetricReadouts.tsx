import type { BatchPoint } from '../../metrics/types';
import { useAppStore } from '../../state/store';
import type { SplitScores } from '../../metrics/types';
import { selectBatches, selectKeptEpoch } from '../selectors';
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

/** Sample-weighted mean loss and accuracy of the batches of `epoch` so far (they are at the end of `batches`). */
export function epochSoFar(batches: readonly BatchPoint[], epoch: number): { loss: number; accuracy: number | undefined } {
  let size = 0;
  let loss = 0;
  let accuracy = 0;
  let hasAccuracy = false;
  for (let i = batches.length - 1; i >= 0 && batches[i].epoch === epoch; i--) {
    const b = batches[i];
    size += b.size;
    loss += b.loss * b.size;
    if (b.accuracy !== undefined) {
      accuracy += b.accuracy * b.size;
      hasAccuracy = true;
    }
  }
  return { loss: loss / Math.max(size, 1), accuracy: hasAccuracy ? accuracy / Math.max(size, 1) : undefined };
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
 * Latest values: training loss (and accuracy) of the epoch so far until it
 * ends, then the epoch's figures; the other scores and the validation
 * figures per epoch. Classification shows loss, accuracy and macro F1;
 * regression MSE, MAE and R².
 */
export function MetricReadouts() {
  const batches = useAppStore(selectBatches);
  // After early stopping put the best weights back, the figures are that epoch's.
  const lastEpoch = useAppStore(selectKeptEpoch);
  const restored = useAppStore((state) => state.run.restoredEpoch);
  const scores = SCORES[useTask()];
  const lastBatch = batches[batches.length - 1];
  const batchIsNewer = restored === null && lastBatch !== undefined && (!lastEpoch || lastBatch.step > lastEpoch.step);
  // Loss and accuracy exist per batch: while an epoch runs, show its running
  // (sample-weighted) mean, which is exactly what the epoch reports when it
  // ends, so the readout never jumps from one batch's figure to the mean.
  const running = batchIsNewer ? epochSoFar(batches, lastBatch.epoch) : null;
  const train = (key: keyof SplitScores) => (running && (key === 'loss' || key === 'accuracy') ? running[key] : lastEpoch?.train[key]);
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
      {restored !== null && lastEpoch && (
        <p className="hint" data-testid="kept-epoch">
          Figures of epoch {lastEpoch.epoch}, whose weights early stopping kept.
        </p>
      )}
    </section>
  );
}

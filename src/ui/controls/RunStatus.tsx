import { BACKEND_LABELS } from '../../config/experiment';
import { formatDuration, secondsLeft } from '../../metrics/eta';
import { useAppStore } from '../../state/store';
import { selectRun } from '../selectors';

const PHASE_TEXT = {
  'loading-data': 'loading data…',
  'starting-backend': 'starting backend…',
  training: 'training',
  evaluating: 'evaluating',
  measuring: 'timing every backend against this one (auto)…',
} as const;

const GPU_BACKENDS = new Set(['webgpu', 'webgl']);

/** Status, epoch, step, speed and backend of the current run. */
export function RunStatus() {
  const run = useAppStore(selectRun);
  const eta = secondsLeft({ ...run, ...run.sizes });
  const patience = useAppStore((state) => state.config.patience);
  return (
    <section className="run-status" aria-label="Run status">
      <dl>
        <div>
          <dt>Status</dt>
          <dd data-testid="run-status">{run.status}</dd>
        </div>
        <div>
          <dt>Backend</dt>
          <dd data-testid="backend">{run.backend ?? '—'}</dd>
        </div>
        <div>
          <dt>Epoch</dt>
          <dd data-testid="epoch">{run.epoch}</dd>
        </div>
        <div>
          <dt>Step</dt>
          <dd data-testid="step">{run.step}</dd>
        </div>
        <div>
          <dt>Samples/s</dt>
          <dd data-testid="samples-per-second">{Math.round(run.samplesPerSecond)}</dd>
        </div>
        <div>
          <dt title="Live tfjs tensors in the worker after the latest epoch; flat means no leak">Tensors</dt>
          <dd data-testid="tensor-count">{run.tensors ?? '—'}</dd>
        </div>
      </dl>
      {run.status === 'running' && run.phase && run.phase !== 'training' && <p className="phase">{PHASE_TEXT[run.phase]}</p>}
      {eta !== null && (
        <p className="note" role="status" data-testid="run-eta">
          About {formatDuration(eta)} left at the measured {Math.round(run.samplesPerSecond).toLocaleString('en-US')} samples/s (epoch{' '}
          {run.epoch} of {run.config?.epochs}). Stop any time: the curves so far stay.
        </p>
      )}
      {run.choice.switched && (
        <p className="note" role="status" data-testid="backend-switch">
          Auto moved this run from {BACKEND_LABELS[run.choice.switched.from]} to {BACKEND_LABELS[run.choice.switched.to]} after epoch{' '}
          {run.choice.switched.epoch}: it measured faster on this model. Weights and optimizer state were carried over.
        </p>
      )}
      {run.sizes.stepsPerEpoch > 0 && (
        <p className="hint">
          {run.sizes.trainSamples.toLocaleString('en-US')} training / {run.sizes.validationSamples.toLocaleString('en-US')} validation
          samples, {run.sizes.stepsPerEpoch} steps per epoch.
          {run.sizes.labelsFlipped > 0 &&
            ` ${run.sizes.labelsFlipped.toLocaleString('en-US')} training labels flipped on purpose (label noise).`}
          {run.config &&
            run.config.folds >= 2 &&
            ` Validating on fold ${Math.min(run.config.fold, run.config.folds)} of ${run.config.folds} (k-fold cross-validation).`}
          {run.config?.driftApplied && ' On the drifted data (concept drift).'}
          {run.backend && GPU_BACKENDS.has(run.backend) && ' On GPU backends, small floating-point differences between runs can occur.'}
        </p>
      )}
      {run.restoredEpoch !== null && (
        <p className="note" role="status" data-testid="early-stop-note">
          {run.earlyStopped
            ? `Early stopping ended the run after epoch ${run.epoch}: validation loss had not improved for ${patience} epochs. `
            : 'Early stopping was on; the run used all its epochs. '}
          The model now holds the weights of epoch {run.restoredEpoch}, which had the lowest validation loss.
        </p>
      )}
      {run.warning && (
        <p className="note warning" role="alert" data-testid="divergence-warning">
          {run.warning}
        </p>
      )}
    </section>
  );
}

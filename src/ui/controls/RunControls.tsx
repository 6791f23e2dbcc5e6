import { useAppStore } from '../../state/store';
import { pauseRun, resetRun, resumeRun, startRun, stepRun, stopRun } from '../../state/actions';
import { selectStatus } from '../selectors';

/** Train / Pause / Resume / Step / Stop, enabled according to the run status. */
export function RunControls({ canTrain }: { canTrain: boolean }) {
  const status = useAppStore(selectStatus);
  const active = status === 'running' || status === 'paused';
  return (
    <div className="run-controls" role="group" aria-label="Training controls">
      <button type="button" className="primary" data-testid="train-button" onClick={() => startRun()} disabled={active || !canTrain}>
        Train
      </button>
      <button type="button" data-testid="pause-button" onClick={pauseRun} disabled={status !== 'running'}>
        Pause
      </button>
      <button type="button" data-testid="resume-button" onClick={resumeRun} disabled={status !== 'paused'}>
        Resume
      </button>
      <button type="button" data-testid="step-button" onClick={stepRun} disabled={!active && !canTrain} title="Train exactly one batch, then pause (before Train: start a run paused after its first batch)">
        Step
      </button>
      <button type="button" data-testid="stop-button" onClick={stopRun} disabled={!active}>
        Stop
      </button>
      <button type="button" data-testid="reset-button" onClick={resetRun} title="Stop, clear the curves; the next run starts from new weights drawn from the seed">
        Reset
      </button>
    </div>
  );
}

import { isLive, useAppStore } from '../../state/store';
import { pauseRun, resetRun, resumeRun, setPace, startRun, stepRun, stopRun } from '../../state/actions';
import { PACE_LABELS, PACES, type Pace } from '../../config/experiment';
import { selectStatus } from '../selectors';

/** Train / Pause / Resume / Step / Stop, enabled according to the run status. */
export function RunControls({ canTrain }: { canTrain: boolean }) {
  const status = useAppStore(selectStatus);
  const active = isLive(status);
  const run = useAppStore((state) => state.run);
  const pace = useAppStore((state) => state.config.pace);
  const summary =
    `${run.status} · epoch ${run.epoch.toLocaleString('en-US')} · step ${run.step.toLocaleString('en-US')} · ` +
    `${Math.round(run.samplesPerSecond).toLocaleString('en-US')} samples/s` +
    (run.backend ? ` · ${run.backend}` : '') +
    (run.backend && run.config?.backend === 'auto' ? ' (auto: fastest measured)' : '');
  return (
    // The run bar stays in view while the page scrolls: the controls and the live figures.
    <div className="run-controls" role="group" aria-label="Training controls">
      <button
        type="button"
        className="primary"
        id="train-button"
        data-testid="train-button"
        onClick={() => startRun()}
        disabled={active || !canTrain}
      >
        Train
      </button>
      <button type="button" data-testid="pause-button" onClick={pauseRun} disabled={status !== 'running'}>
        Pause
      </button>
      <button type="button" data-testid="resume-button" onClick={resumeRun} disabled={status !== 'paused'}>
        Resume
      </button>
      <button
        type="button"
        data-testid="step-button"
        onClick={stepRun}
        disabled={!active && !canTrain}
        title="Train exactly one batch, then pause (before Train: start a run paused after its first batch)"
      >
        Step
      </button>
      <button type="button" data-testid="stop-button" onClick={stopRun} disabled={!active}>
        Stop
      </button>
      <button
        type="button"
        data-testid="reset-button"
        onClick={resetRun}
        title="Stop, clear the curves; the next run starts from new weights drawn from the seed"
      >
        Reset
      </button>
      <label className="pace">
        <span>Speed</span>
        <select
          data-testid="pace-select"
          value={pace}
          onChange={(event) => setPace(event.target.value as Pace)}
          title="Watch: a pace the eye can follow (15 epochs a second); Fast: 150; or as fast as the backend goes. Changes apply while training."
        >
          {PACES.map((p) => (
            <option key={p} value={p}>
              {PACE_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      {/* The same figures as the status panel, kept in view; screen readers read them there. */}
      <span className="run-summary" aria-hidden="true" title={summary}>
        {summary}
      </span>
    </div>
  );
}

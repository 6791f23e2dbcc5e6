import { applyAppUpdate, useAppUpdate } from '../state/appUpdate';
import { isLive, useAppStore } from '../state/store';
import { selectStatus } from './selectors';

/** Offers a new version between runs; never swaps the code under a training run. */
export function AppUpdateOffer() {
  const waiting = useAppUpdate((state) => state.waiting);
  const status = useAppStore(selectStatus);
  if (!waiting) return null;
  const training = isLive(status);
  return (
    <div className="warning" role="status" data-testid="update-offer">
      <p>
        A new version of the playground is ready.{' '}
        {training
          ? 'It can be loaded when this run ends (stop it or let it finish); the run goes on meanwhile.'
          : 'Reloading loads it; your experiment stays in the link and runs in the history.'}
      </p>
      <button type="button" className="primary" disabled={training} onClick={applyAppUpdate}>
        Reload to update
      </button>
    </div>
  );
}

/** One line in the footer: whether the app works offline. */
export function OfflineStatus() {
  const { offlineReady, problem } = useAppUpdate();
  if (problem)
    return (
      <p className="hint" data-testid="offline-status">
        {problem}
      </p>
    );
  if (!offlineReady) return null;
  return (
    <p className="hint" data-testid="offline-status">
      Kept in this browser: the app, its bundled data and its backends work offline.
    </p>
  );
}

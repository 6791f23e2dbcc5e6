// The one-click overfitting demo: set it up and run it; a second click
// cures it and draws the first run's curves under the cure.
import { curedDemo, overfittingDemo } from '../config/demo';
import { startRun, stopRun } from './actions';
import { isLive, useAppStore } from './store';

/** Sets up the overfitting demo (config/demo.ts) and trains it. */
export function showOverfitting(): void {
  const { run } = useAppStore.getState();
  if (isLive(run.status)) stopRun();
  useAppStore.setState((state) => ({ config: overfittingDemo(state.config), demo: { stage: 'overfitting', before: null } }));
  startRun();
}

/** Trains the cured demo, with the overfitting run's epochs kept for comparison. */
export function cureOverfitting(): void {
  const { run, metrics } = useAppStore.getState();
  if (isLive(run.status)) stopRun();
  useAppStore.setState((state) => ({
    config: curedDemo(state.config),
    demo: { stage: 'cured', before: { label: 'before the cure', epochs: metrics.epochs } },
  }));
  startRun();
}

/** Hides the earlier run's curves. */
export function clearComparison(): void {
  useAppStore.setState({ demo: { stage: null, before: null } });
}

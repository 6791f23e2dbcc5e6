// Module-level actions: the only code that talks to the training client.
import type { BackendPreference } from '../config/experiment';
import { TrainingClient } from '../train/client';
import { reduceEvent } from './reduce';
import { initialRun, useAppStore } from './store';
import { parseTestHooks } from './testHooks';

let client: TrainingClient | null = null;

function getClient(): TrainingClient {
  if (!client) {
    client = new TrainingClient();
    client.subscribe((event) => useAppStore.setState((state) => reduceEvent(state, event, performance.now())));
  }
  return client;
}

const appBaseUrl = () => new URL(import.meta.env.BASE_URL, window.location.href).href;

/** Creates the worker early and lets it load data and pick a backend, so Train is quick. */
export function warmUpTraining(): void {
  getClient().warmUp(useAppStore.getState().config, appBaseUrl(), parseTestHooks(window.location.search));
}

/** Starts a fresh run with the current config; clears the previous curves. */
export function startRun(): void {
  const { config } = useAppStore.getState();
  const training = getClient();
  const runId = training.start(config, appBaseUrl(), parseTestHooks(window.location.search));
  useAppStore.setState({
    run: { ...initialRun(), status: 'running', runId, phase: 'loading-data', startedAt: performance.now() },
    metrics: { batches: [], epochs: [] },
  });
}

export function pauseRun(): void {
  getClient().pause();
}

export function resumeRun(): void {
  getClient().resume();
}

export function stepRun(): void {
  getClient().step();
}

export function stopRun(): void {
  const { run } = useAppStore.getState();
  getClient().stop();
  // A paused loop wakes on stop and reports 'done: stopped'; show it at once.
  if (run.status === 'paused') useAppStore.setState({ run: { ...run, status: 'stopped' } });
}

export function setBackendPreference(backend: BackendPreference): void {
  useAppStore.setState((state) => ({ config: { ...state.config, backend } }));
  warmUpTraining();
}

export function dismissError(): void {
  useAppStore.setState((state) => ({ run: { ...state.run, error: null } }));
}

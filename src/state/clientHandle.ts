// The page's one training client, created on first use; its events feed the
// store and, when a run ends, the run history.
import { TrainingClient } from '../train/client';
import { saveFinishedRun } from './historyActions';
import { reduceEvent } from './reduce';
import { useAppStore } from './store';

let client: TrainingClient | null = null;

export function getClient(): TrainingClient {
  if (!client) {
    client = new TrainingClient();
    client.subscribe((event) => {
      useAppStore.setState((state) => reduceEvent(state, event, performance.now()));
      if (event.type === 'done' || event.type === 'error') void saveFinishedRun(event.runId);
    });
  }
  return client;
}

export const appBaseUrl = () => new URL(import.meta.env.BASE_URL, window.location.href).href;


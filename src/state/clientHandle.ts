// The page's one training client, created on first use; its events feed the
// store and, when a run ends, the run history. Events are applied at most
// once per animation frame, in one store update, so a fast worker can never
// make the page render more often than the display refreshes.
import type { TrainingEvent } from '../train/client';
import { TrainingClient } from '../train/client';
import { saveFinishedRun, saveRunProgress } from './historyActions';
import { reduceEvents } from './reduce';
import { onSweepRunEnded } from './sweepActions';
import { useAppStore } from './store';
import { parseTestHooks } from './testHooks';

/** When the page is hidden, animation frames stop: apply at least this often anyway. */
const HIDDEN_FLUSH_MS = 250;

let client: TrainingClient | null = null;
let queue: TrainingEvent[] = [];
let scheduled = false;

/** Applies every queued event in one store update. */
export function applyQueuedEvents(): void {
  scheduled = false;
  if (queue.length === 0) return;
  const events = queue;
  queue = [];
  const now = performance.now();
  useAppStore.setState((state) => reduceEvents(state, events, now));
  for (const event of events) {
    if (event.type === 'epoch-end') saveRunProgress(event.runId);
    else if (event.type === 'done' || event.type === 'error') {
      void saveFinishedRun(event.runId);
      onSweepRunEnded(event);
    }
  }
}

function enqueue(event: TrainingEvent): void {
  queue.push(event);
  if (scheduled) return;
  scheduled = true;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    applyQueuedEvents();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  setTimeout(run, HIDDEN_FLUSH_MS);
}

export function getClient(): TrainingClient {
  if (!client) {
    client = new TrainingClient(undefined, parseTestHooks(window.location.search)?.livenessMs);
    client.subscribe(enqueue);
    client.onBackendChoice((backendPreview) => useAppStore.setState({ backendPreview }));
  }
  return client;
}

export const appBaseUrl = () => new URL(import.meta.env.BASE_URL, window.location.href).href;

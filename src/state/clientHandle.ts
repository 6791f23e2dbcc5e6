// The page's one training client, created on first use; its events feed the
// store. Events are applied at most once per animation frame, in one store
// update, so a fast worker can never make the page render more often than
// the display refreshes. What follows a run (the history, the sweep runner)
// subscribes with onRunEvents, from main.tsx: this file calls none of it.
import type { TrainingEvent } from '../train/page/client';
import { TrainingClient } from '../train/page/client';
import { reduceEvents } from './reduce';
import { useAppStore } from './store';
import { parseTestHooks } from './testHooks';

/** When the page is hidden, animation frames stop: apply at least this often anyway. */
const HIDDEN_FLUSH_MS = 250;

let client: TrainingClient | null = null;
let queue: TrainingEvent[] = [];
let scheduled = false;

/** A run's last event. */
export type RunEnd = Extract<TrainingEvent, { type: 'done' | 'error' }>;
/** Called with each event once the store has taken it (with the rest of its frame's events). */
export type RunEventListener = (event: TrainingEvent) => void;
const runListeners = new Set<RunEventListener>();

/** Subscribes to the run events, each delivered after the store update that applied it; returns the unsubscribe. */
export function onRunEvents(listener: RunEventListener): () => void {
  runListeners.add(listener);
  return () => runListeners.delete(listener);
}

/** The same, for a run's end only. */
export function onRunEnded(listener: (event: RunEnd) => void): () => void {
  return onRunEvents((event) => {
    if (event.type === 'done' || event.type === 'error') listener(event);
  });
}

/** Applies every queued event in one store update. */
export function applyQueuedEvents(): void {
  scheduled = false;
  if (queue.length === 0) return;
  const events = queue;
  queue = [];
  const now = performance.now();
  useAppStore.setState((state) => reduceEvents(state, events, now));
  for (const event of events) for (const listener of runListeners) listener(event);
}

/** Queues one event from the client, to be applied with the rest of its frame's events. */
export function receiveRunEvent(event: TrainingEvent): void {
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
    const testHooks = parseTestHooks(window.location.search);
    client = new TrainingClient({ baseUrl: appBaseUrl(), testHooks, livenessMs: testHooks?.livenessMs });
    client.subscribe(receiveRunEvent);
    client.onBackendChoice((backendPreview) => useAppStore.setState({ backendPreview }));
  }
  return client;
}

const appBaseUrl = () => new URL(import.meta.env.BASE_URL, window.location.href).href;

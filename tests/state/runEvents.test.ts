// The run-events seam: what follows a run subscribes to the client handle,
// and each listener sees the store already updated with the event it gets.
import { beforeEach, describe, expect, it } from 'vitest';
import { applyQueuedEvents, onRunEnded, onRunEvents, receiveRunEvent } from '../../src/state/clientHandle';
import { initialRun, initialState, useAppStore } from '../../src/state/store';
import type { TrainingEvent } from '../../src/train/page/client';

beforeEach(() => useAppStore.setState({ ...initialState(), run: { ...initialRun(), status: 'running', runId: 4 } }));

describe('onRunEvents', () => {
  it('delivers every event after the store update that applied it', () => {
    const seen: [TrainingEvent['type'], string][] = [];
    const off = onRunEvents((event) => seen.push([event.type, useAppStore.getState().run.status]));
    receiveRunEvent({ type: 'paused', runId: 4, step: 3 });
    receiveRunEvent({ type: 'done', runId: 4, reason: 'completed' });
    expect(seen).toEqual([]);
    applyQueuedEvents();
    // Both events were reduced in one update before either listener call.
    expect(seen).toEqual([
      ['paused', 'done'],
      ['done', 'done'],
    ]);
    off();
    receiveRunEvent({ type: 'resumed', runId: 4 });
    applyQueuedEvents();
    expect(seen).toHaveLength(2);
  });

  it('onRunEnded hears only a run’s last event', () => {
    const ends: string[] = [];
    const off = onRunEnded((event) => ends.push(event.type));
    receiveRunEvent({ type: 'heartbeat', runId: 4 });
    receiveRunEvent({ type: 'error', runId: 4, message: 'x' });
    applyQueuedEvents();
    off();
    expect(ends).toEqual(['error']);
  });
});

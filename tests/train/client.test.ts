// The page's worker handle notices a worker that dies without an error
// event (closed, or killed for memory) and ends the run with a message.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { TrainingClient, type TrainingEvent } from '../../src/train/client';

/** A worker that accepts messages and never answers, like one the browser closed. */
function silentWorker(): Worker {
  return { postMessage: () => undefined, terminate: vi.fn(), onmessage: null, onerror: null, onmessageerror: null } as unknown as Worker;
}

/** A client on a silent worker with a 5 s liveness timeout, its events, and a started run. */
function started() {
  vi.useFakeTimers();
  const worker = silentWorker();
  const client = new TrainingClient(() => worker, 5_000);
  const events: TrainingEvent[] = [];
  client.subscribe((event) => events.push(event));
  const runId = client.start(defaultConfig(), 'http://app.invalid/');
  return { worker, events, runId };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('TrainingClient liveness', () => {
  it('ends a run whose worker falls silent, with a message, and frees the worker', async () => {
    const { worker, events, runId } = started();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(events).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(events).toEqual([expect.objectContaining({ type: 'error', runId, message: expect.stringContaining('stopped responding') })]);
    expect(worker.terminate).toHaveBeenCalled();
  });

  it('keeps a run alive while heartbeats arrive, and stops watching once it is done', async () => {
    const { worker, events, runId } = started();
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(2_000);
      worker.onmessage?.({ data: { type: 'heartbeat', runId } } as MessageEvent);
    }
    worker.onmessage?.({ data: { type: 'done', runId, reason: 'completed' } } as MessageEvent);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(events.filter((e) => e.type === 'error')).toHaveLength(0);
  });
});

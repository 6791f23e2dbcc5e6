// The page's worker handle notices a worker that dies without an error
// event (closed, or killed for memory) and ends the run with a message.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { TrainingClient, type TrainingEvent } from '../../src/train/page/client';
import { describeFailure } from '../../src/train/run/failure';

/** A worker that accepts messages and never answers, like one the browser closed. */
function silentWorker(): Worker {
  return { postMessage: () => undefined, terminate: vi.fn(), onmessage: null, onerror: null, onmessageerror: null } as unknown as Worker;
}

/** A client on a silent worker with a 5 s liveness timeout, its events, and a started run. */
function started() {
  vi.useFakeTimers();
  const worker = silentWorker();
  const client = new TrainingClient({ factory: () => worker, livenessMs: 5_000, baseUrl: 'http://app.invalid/' });
  const events: TrainingEvent[] = [];
  client.subscribe((event) => events.push(event));
  const runId = client.start(defaultConfig());
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

/** A worker that records what it is sent; the test answers for it. */
function recordingWorker() {
  const sent: unknown[] = [];
  const worker = {
    postMessage: (message: unknown) => sent.push(message),
    terminate: vi.fn(),
    onmessage: null,
    onerror: null,
    onmessageerror: null,
  } as unknown as Worker;
  const reply = (data: unknown) => worker.onmessage?.({ data } as MessageEvent);
  return { worker, sent, reply };
}

describe('TrainingClient.request', () => {
  it('sends one request message per question, with the base URL and test hooks, and settles each by its id', async () => {
    const { worker, sent, reply } = recordingWorker();
    const client = new TrainingClient({ factory: () => worker, baseUrl: 'http://app.invalid/', testHooks: { maxTrainSamples: 8 } });
    const progress: number[] = [];
    const forest = client.request('forest', { config: defaultConfig(), trees: 3 }, ({ fraction }) => progress.push(fraction));
    const inspect = client.request('inspect', { kind: 'predict', input: [1, 2] });
    expect(sent).toEqual([
      expect.objectContaining({
        type: 'request',
        requestId: 1,
        kind: 'forest',
        baseUrl: 'http://app.invalid/',
        testHooks: { maxTrainSamples: 8 },
      }),
      expect.objectContaining({ type: 'request', requestId: 2, kind: 'inspect', ask: { kind: 'predict', input: [1, 2] } }),
    ]);
    // Answers in any order; progress only reaches its own request.
    reply({ type: 'reply', requestId: 2, kind: 'inspect', answer: { kind: 'predict', outputs: [0.25, 0.75] } });
    reply({ type: 'reply-progress', requestId: 1, kind: 'forest', progress: { fraction: 0.5 } });
    reply({ type: 'reply-error', requestId: 1, message: 'no trees today' });
    await expect(inspect).resolves.toEqual({ kind: 'predict', outputs: [0.25, 0.75] });
    await expect(forest).rejects.toThrow('no trees today');
    expect(progress).toEqual([0.5]);
    // A late duplicate answer is ignored.
    reply({ type: 'reply', requestId: 2, kind: 'inspect', answer: { kind: 'predict', outputs: [1] } });
  });

  it('rejects every waiting request when the worker crashes', async () => {
    const { worker } = recordingWorker();
    const client = new TrainingClient({ factory: () => worker, baseUrl: 'http://app.invalid/' });
    const load = client.request('load-data', { kind: 'builtin', name: 'mnist-sample' });
    const inspect = client.request('inspect', { kind: 'predict', input: [0] });
    worker.onerror?.({ message: 'boom', preventDefault: () => undefined } as ErrorEvent);
    await expect(load).rejects.toThrow(/crashed: boom/);
    await expect(inspect).rejects.toThrow(/crashed: boom/);
  });
});

describe('TrainingClient errors', () => {
  it('tells a worker whose script never loaded from one that crashed', () => {
    const { worker } = recordingWorker();
    const client = new TrainingClient({ factory: () => worker, baseUrl: 'http://app.invalid/' });
    const events: TrainingEvent[] = [];
    client.subscribe((event) => events.push(event));
    const runId = client.start(defaultConfig());
    // A script that fails to load fires error with no message, before the worker ever spoke.
    worker.onerror?.({ message: '', preventDefault: () => undefined } as ErrorEvent);
    expect(events).toEqual([expect.objectContaining({ type: 'error', runId, message: expect.stringContaining('could not be loaded') })]);
    expect(events[0].type === 'error' && events[0].message).not.toContain('unknown error');
  });
});

describe('a backend that aborts', () => {
  it('is said in words, and the worker is replaced for the next run', () => {
    expect(describeFailure(new Error('Aborted(). Build with -sASSERTIONS for more info.'))).toEqual({
      message: expect.stringContaining('ran out of memory'),
      restart: true,
    });
    expect(describeFailure(new RangeError('memory access out of bounds')).message).not.toMatch(/bounds|ASSERTIONS/);
    expect(describeFailure(new Error('No backend could train this model'))).toEqual({
      message: 'No backend could train this model',
      restart: false,
    });
    const workers: ReturnType<typeof recordingWorker>[] = [];
    const client = new TrainingClient({
      factory: () => {
        workers.push(recordingWorker());
        return workers[workers.length - 1].worker;
      },
      baseUrl: 'http://app.invalid/',
    });
    const events: TrainingEvent[] = [];
    client.subscribe((event) => events.push(event));
    const runId = client.start(defaultConfig());
    workers[0].reply({ type: 'error', runId, message: 'The backend ran out of memory', restart: true });
    expect(events.map((e) => e.type)).toEqual(['error']);
    expect(workers[0].worker.terminate).toHaveBeenCalled();
    client.start(defaultConfig());
    expect(workers).toHaveLength(2);
  });
});

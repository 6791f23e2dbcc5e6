import { describe, expect, it } from 'vitest';
import { reduceEvent, reduceEvents } from '../../src/state/reduce';
import { initialRun, initialState, type AppState } from '../../src/state/store';

const base = (): AppState => ({ ...initialState(), run: { ...initialRun(), runId: 2, status: 'running' } });

describe('reduceEvent', () => {
  it('appends batch points and tracks step, epoch and speed', () => {
    let state = base();
    const apply = (event: Parameters<typeof reduceEvent>[1]) => (state = { ...state, ...reduceEvent(state, event, 50) });
    apply({
      type: 'ready',
      runId: 2,
      backend: 'cpu',
      speeds: [],
      backendReason: 'test',
      task: 'classification',
      labelsFlipped: 0,
      fallbacks: [{ backend: 'webgpu', reason: 'none' }],
      trainSamples: 8,
      validationSamples: 2,
      stepsPerEpoch: 4,
    });
    apply({ type: 'progress', runId: 2, points: [{ step: 1, epoch: 1, size: 8, loss: 2, accuracy: 0.1 }], samplesPerSecond: 10 });
    apply({
      type: 'progress',
      runId: 2,
      points: [
        { step: 2, epoch: 1, size: 8, loss: 1.9, accuracy: 0.2 },
        { step: 3, epoch: 1, size: 8, loss: 1.8, accuracy: 0.3 },
      ],
      samplesPerSecond: 20,
    });
    expect(state.metrics.batches.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(state.run).toMatchObject({ backend: 'cpu', step: 3, epoch: 1, samplesPerSecond: 20, firstPointAt: 50 });
    apply({ type: 'paused', runId: 2, step: 3 });
    expect(state.run.status).toBe('paused');
    apply({ type: 'resumed', runId: 2 });
    expect(state.run.status).toBe('running');
    apply({ type: 'error', runId: 2, message: 'NaN' });
    expect(state.run).toMatchObject({ status: 'error', error: 'NaN' });
  });

  it('ignores events of an older run', () => {
    const state = base();
    expect(reduceEvent(state, { type: 'done', runId: 1, reason: 'completed' }, 0)).toEqual({});
  });
});

describe('reduceEvents', () => {
  it('gives the same state for a frame of events as for the events one at a time', () => {
    const scores = (loss: number) => ({ loss, accuracy: 1 - loss, precision: 0.5, recall: 0.5, f1: 0.5 });
    const events: Parameters<typeof reduceEvent>[1][] = [
      { type: 'progress', runId: 2, points: [{ step: 1, epoch: 1, size: 8, loss: 2, accuracy: 0.1 }], samplesPerSecond: 10 },
      { type: 'epoch-end', runId: 2, tensors: 12, point: { epoch: 1, step: 1, train: scores(0.9), validation: scores(0.8) } },
      { type: 'epoch-end', runId: 2, tensors: 13, point: { epoch: 2, step: 2, train: scores(0.7), validation: scores(0.6) } },
      { type: 'epoch-end', runId: 1, tensors: 99, point: { epoch: 9, step: 9, train: scores(0.1), validation: scores(0.1) } },
      { type: 'best-restored', runId: 2, epoch: 1 },
      { type: 'epoch-end', runId: 2, tensors: 14, point: { epoch: 3, step: 3, train: scores(0.5), validation: scores(0.7) } },
    ];
    const together = reduceEvents(base(), events, 5);
    const oneByOne = events.reduce((state, event) => ({ ...state, ...reduceEvent(state, event, 5) }), base());
    expect(together).toEqual(oneByOne);
    expect(together.metrics.epochs.map((p) => p.epoch)).toEqual([1, 2, 3]);
    expect(together.run).toMatchObject({ tensors: 14, restoredEpoch: 1, phase: 'training' });
  });
});

describe('the dropout toggle', () => {
  it('puts dropout after every dense layer, and takes all dropout out again', async () => {
    const { withDropout } = await import('../../src/state/layerActions');
    const mlp = [
      { kind: 'flatten' as const },
      { kind: 'dense' as const, units: 8, activation: 'relu' as const },
      { kind: 'dense' as const, units: 4, activation: 'relu' as const },
    ];
    const on = withDropout(mlp, true);
    expect(on.map((l) => l.kind)).toEqual(['flatten', 'dense', 'dropout', 'dense', 'dropout']);
    expect(withDropout(on, true)).toEqual(on);
    expect(withDropout(on, false)).toEqual(mlp);
  });
});

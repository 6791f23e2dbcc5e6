import { describe, expect, it } from 'vitest';
import { reduceEvent } from '../../src/state/reduce';
import { initialRun, initialState, type AppState } from '../../src/state/store';

const base = (): AppState => ({ ...initialState(), run: { ...initialRun(), runId: 2, status: 'running' } });

describe('reduceEvent', () => {
  it('appends batch points and tracks step, epoch and speed', () => {
    let state = base();
    const apply = (event: Parameters<typeof reduceEvent>[1]) => (state = { ...state, ...reduceEvent(state, event, 50) });
    apply({ type: 'ready', runId: 2, backend: 'cpu', speeds: [], backendReason: 'test', task: 'classification', labelsFlipped: 0, fallbacks: [{ backend: 'webgpu', reason: 'none' }], trainSamples: 8, validationSamples: 2, stepsPerEpoch: 4 });
    apply({ type: 'progress', runId: 2, points: [{ step: 1, epoch: 1, size: 8, loss: 2, accuracy: 0.1 }], samplesPerSecond: 10 });
    apply({ type: 'progress', runId: 2, points: [{ step: 2, epoch: 1, size: 8, loss: 1.9, accuracy: 0.2 }, { step: 3, epoch: 1, size: 8, loss: 1.8, accuracy: 0.3 }], samplesPerSecond: 20 });
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

describe('the dropout toggle', () => {
  it('puts dropout after every dense layer, and takes all dropout out again', async () => {
    const { withDropout } = await import('../../src/state/layerActions');
    const mlp = [{ kind: 'flatten' as const }, { kind: 'dense' as const, units: 8, activation: 'relu' as const }, { kind: 'dense' as const, units: 4, activation: 'relu' as const }];
    const on = withDropout(mlp, true);
    expect(on.map((l) => l.kind)).toEqual(['flatten', 'dense', 'dropout', 'dense', 'dropout']);
    expect(withDropout(on, true)).toEqual(on);
    expect(withDropout(on, false)).toEqual(mlp);
  });
});

// The sweep runner driven through a fake port: members start one after
// another, each run's end gives its row, Stop keeps the rows and Resume goes
// on, and the model knob's forest is grown and kept through the port.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExperimentConfig } from '../../src/config/experiment';
import type { RunEnd } from '../../src/state/clientHandle';
import { initialRun, initialState, useAppStore } from '../../src/state/store';
import { connectSweepRunner, resumeSweep, startSweep, stopSweep, type SweepPort } from '../../src/state/sweepRunner';
import type { SweepTag } from '../../src/sweep/results';

const scores = (accuracy: number) => ({ loss: 1 - accuracy, accuracy, f1: accuracy, precision: accuracy, recall: accuracy });

function fakePort() {
  const started: { config: ExperimentConfig; tag: SweepTag; runId: number }[] = [];
  let ended: ((event: RunEnd) => void) | null = null;
  let nextId = 0;
  const port: SweepPort & { stops: number; kept: SweepTag[] } = {
    stops: 0,
    kept: [],
    startRun(config, tag) {
      const runId = ++nextId;
      started.push({ config, tag, runId });
      // As startRunOf does: the run slice now belongs to this member.
      useAppStore.setState({ run: { ...initialRun(), status: 'running', runId, config, sweep: tag, startedAt: performance.now() } });
      return runId;
    },
    stopRun() {
      port.stops++;
    },
    growForest: async () => ({ seconds: 0.5, trainSamples: 100, train: scores(1), validation: scores(0.8) }),
    keepForest(_config, tag) {
      port.kept.push(tag);
    },
    onRunEnded(listener) {
      ended = listener;
      return () => (ended = null);
    },
  };
  /** The current member's run ends, as the store and then the run events see it. */
  const finish = (accuracy: number, reason: 'completed' | 'stopped' = 'completed') => {
    const { run } = useAppStore.getState();
    useAppStore.setState({
      // 20 steps (2 epochs of 1,000 samples) over the 2 s since the first step: 1,000 samples/s.
      run: {
        ...run,
        status: reason === 'stopped' ? 'stopped' : 'done',
        step: 20,
        sizes: { trainSamples: 1000, validationSamples: 100, labelsFlipped: 0, stepsPerEpoch: 10 },
        firstPointAt: performance.now() - 2000,
      },
      metrics: {
        ...useAppStore.getState().metrics,
        epochs: [{ epoch: 1, step: 10, train: scores(accuracy + 0.05), validation: scores(accuracy) }],
      },
    });
    ended?.({ type: 'done', runId: run.runId, reason });
  };
  return { port, started, finish };
}

const active = () => useAppStore.getState().sweep.active!;
const spec = (knob: 'trainFraction' | 'model', values: (number | string)[]) =>
  useAppStore.setState({ sweep: { ...useAppStore.getState().sweep, spec: { knob, values, seeds: 1, target: 0.9, metric: 'accuracy' } } });

let disconnect: () => void = () => undefined;
beforeEach(() => {
  vi.useFakeTimers();
  useAppStore.setState(initialState());
});
afterEach(() => {
  disconnect();
  vi.useRealTimers();
});

describe('the sweep runner', () => {
  it('trains the members in turn and collects a row at each end', async () => {
    const { port, started, finish } = fakePort();
    disconnect = connectSweepRunner(port);
    spec('trainFraction', [0.05, 0.2]);
    startSweep();
    expect(started.map((s) => s.config.trainFraction)).toEqual([0.05]);
    expect(active().status).toBe('running');
    expect(useAppStore.getState().workbenchTab).toBe('sweeps');

    finish(0.7);
    expect(active().rows.map((r) => r.final?.accuracy)).toEqual([0.7]);
    // The next member starts after the page has drawn the end.
    expect(started).toHaveLength(1);
    await vi.runAllTimersAsync();
    expect(started.map((s) => s.config.trainFraction)).toEqual([0.05, 0.2]);
    expect(started[1].tag.member).toBe(1);

    finish(0.85);
    await vi.runAllTimersAsync();
    expect(active().status).toBe('done');
    expect(active().rows.map((r) => [r.label, r.final?.accuracy, r.samplesPerSecond])).toEqual([
      [started[0].tag.label, 0.7, 1000],
      [started[1].tag.label, 0.85, 1000],
    ]);
  });

  it('keeps the finished rows on Stop and goes on with the rest on Resume', async () => {
    const { port, started, finish } = fakePort();
    disconnect = connectSweepRunner(port);
    spec('trainFraction', [0.05, 0.2, 1]);
    startSweep();
    finish(0.6);
    await vi.runAllTimersAsync();
    stopSweep();
    expect(port.stops).toBe(1);
    expect(active().status).toBe('stopped');
    // The stopped member's end keeps what it trained as a part-row, marked, with its measured speed.
    finish(0.9, 'stopped');
    expect(active().rows.map((r) => [r.member, r.outcome, r.steps, r.samplesPerSecond])).toEqual([
      [0, 'done', 20, 1000],
      [1, 'partial', 20, 1000],
    ]);

    // Resume runs that member again; its full row replaces the part-row.
    resumeSweep();
    expect(started.map((s) => s.tag.member)).toEqual([0, 1, 1]);
    finish(0.8);
    await vi.runAllTimersAsync();
    finish(0.95);
    await vi.runAllTimersAsync();
    expect(active().status).toBe('done');
    expect(active().rows.map((r) => [r.member, r.outcome])).toEqual([
      [0, 'done'],
      [1, 'done'],
      [2, 'done'],
    ]);
  });

  it('ignores the end of a run that is not the current member', async () => {
    const { port, started, finish } = fakePort();
    disconnect = connectSweepRunner(port);
    spec('trainFraction', [0.05, 0.2]);
    startSweep();
    // The user's own run replaces the member's in the run slice.
    useAppStore.setState({ run: { ...useAppStore.getState().run, runId: 99, sweep: null } });
    finish(0.5);
    await vi.runAllTimersAsync();
    expect(active().rows).toHaveLength(0);
    expect(started).toHaveLength(1);
  });

  it('grows the model knob’s forest through the port and keeps it with its time', async () => {
    const { port, started } = fakePort();
    disconnect = connectSweepRunner(port);
    spec('model', ['forest']);
    startSweep();
    await vi.runAllTimersAsync();
    expect(started).toHaveLength(0);
    expect(port.kept.map((t) => [t.seconds, t.samplesPerSecond])).toEqual([[0.5, 200]]);
    expect(active().rows.map((r) => [r.backend, r.final?.accuracy])).toEqual([['forest', 0.8]]);
    expect(active().status).toBe('done');
  });

  it('says so when used before it is connected', () => {
    disconnect = () => undefined;
    spec('trainFraction', [0.05]);
    expect(() => startSweep()).toThrow(/not connected/);
  });
});

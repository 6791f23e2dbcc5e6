// A run in progress reaches the history at every epoch end: a save that
// comes too soon after the last is made up shortly after, or at pagehide,
// never skipped (a reload used to lose the last epoch).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { getCheckpoint, listRuns } from '../../src/history/db';
import type { Checkpoint } from '../../src/history/checkpoint';
import { flushRunProgress, loadHistory, PROGRESS_SAVE_MS, recordRunEvent } from '../../src/state/historyActions';
import { initialRun, initialState, useAppStore } from '../../src/state/store';

const scores = { loss: 1, accuracy: 0.5, precision: 0.5, recall: 0.5, f1: 0.5 };

/** The store after `epochs` epochs of run `runId`, and the epoch-end event of the last. */
function epochEnded(runId: number, epochs: number): void {
  useAppStore.setState({
    run: { ...initialRun(), runId, status: 'running', config: defaultConfig(), epoch: epochs },
    metrics: {
      ...useAppStore.getState().metrics,
      batches: [{ step: epochs, epoch: epochs, size: 8, loss: 1, accuracy: 0.5 }],
      epochs: Array.from({ length: epochs }, (_, k) => ({ epoch: k + 1, step: k + 1, train: scores, validation: scores })),
    },
  });
  recordRunEvent({ type: 'epoch-end', runId, tensors: 10, point: { epoch: epochs, step: epochs, train: scores, validation: scores } });
}

/** Epoch counts of the records still marked running. */
const storedEpochs = async () => {
  const runs = await listRuns();
  return runs.filter((r) => r.outcome === 'running' && r.epochs.length > 0 && r.name.startsWith('Run')).map((r) => r.epochs.length);
};

beforeEach(() =>
  useAppStore.setState({ ...initialState(), history: { runs: [], compared: [], status: 'ready', models: [], error: null } }),
);

describe('saving a run in progress', () => {
  it('makes up a save that came too soon, so the record has every epoch the page showed', async () => {
    epochEnded(7, 1);
    epochEnded(7, 2); // within the interval: not written yet, but due
    await vi.waitFor(async () => expect(await storedEpochs()).toEqual([2]), { timeout: PROGRESS_SAVE_MS * 8, interval: 20 });
  });

  it('writes what is due at once when the page goes away', async () => {
    epochEnded(8, 1);
    await vi.waitFor(async () => expect((await storedEpochs()).length).toBeGreaterThan(0));
    const before = (await listRuns()).length;
    epochEnded(8, 2);
    epochEnded(8, 3);
    flushRunProgress();
    await vi.waitFor(async () => expect((await listRuns()).at(-1)!.epochs.length).toBe(3), { timeout: PROGRESS_SAVE_MS / 2, interval: 10 });
    expect((await listRuns()).length).toBe(before);
  });
});

describe('checkpoints for Resume', () => {
  const checkpoint = (epoch: number): Checkpoint => ({
    epoch,
    step: epoch,
    backend: 'cpu',
    learningRate: 0.01,
    state: { weights: [new Float32Array([1, 2, 3])], optimizer: { iterations: epoch, slots: [] } },
  });
  const recordOf = async (epochs: number) => (await listRuns()).findLast((r) => r.epochs.length === epochs && r.outcome !== 'done');

  it('are kept beside the record of a run cut off, which then offers Resume; a run that ends drops its own', async () => {
    epochEnded(20, 2);
    recordRunEvent({ type: 'checkpoint', runId: 20, checkpoint: checkpoint(2) });
    await vi.waitFor(async () => expect((await recordOf(2))?.checkpoint).toEqual({ epoch: 2, step: 2 }));
    const id = (await recordOf(2))!.id;
    await vi.waitFor(async () => expect((await getCheckpoint(id))?.epoch).toBe(2));

    // The page opens again: the run was cut off, and keeps its checkpoint.
    const runs = await loadHistory();
    expect(runs.find((r) => r.id === id)).toMatchObject({ outcome: 'interrupted', checkpoint: { epoch: 2, step: 2 } });

    // A run that finishes keeps none.
    epochEnded(21, 1);
    recordRunEvent({ type: 'checkpoint', runId: 21, checkpoint: checkpoint(1) });
    useAppStore.setState((s) => ({ run: { ...s.run, status: 'done' } }));
    recordRunEvent({ type: 'done', runId: 21, reason: 'completed' });
    await vi.waitFor(async () => expect((await listRuns()).some((r) => r.outcome === 'done' && r.epochs.length === 1)).toBe(true));
    const done = (await listRuns()).find((r) => r.outcome === 'done' && r.epochs.length === 1)!;
    await vi.waitFor(async () => expect(await getCheckpoint(done.id)).toBeNull());
    expect(done.checkpoint).toBeUndefined();
    expect(await getCheckpoint(id)).not.toBeNull();
  });

  it('say why a run cannot be resumed', async () => {
    epochEnded(22, 3);
    recordRunEvent({ type: 'checkpoint', runId: 22, checkpoint: null, note: 'Resume is not offered for this run: Adamax.' });
    await vi.waitFor(async () => expect((await recordOf(3))?.resumeNote).toBe('Resume is not offered for this run: Adamax.'));
    expect((await recordOf(3))?.checkpoint).toBeUndefined();
  });
});

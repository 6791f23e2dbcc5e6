// A run in progress reaches the history at every epoch end: a save that
// comes too soon after the last is made up shortly after, or at pagehide,
// never skipped (a reload used to lose the last epoch).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { listRuns } from '../../src/history/db';
import { flushRunProgress, PROGRESS_SAVE_MS, recordRunEvent } from '../../src/state/historyActions';
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

beforeEach(() => useAppStore.setState({ ...initialState(), history: { runs: [], compared: [], status: 'ready', error: null } }));

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

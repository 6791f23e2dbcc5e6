import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { addRun, deleteRun, listRuns, renameRun } from '../../src/history/db';
import type { NewRunRecord } from '../../src/history/record';

const run = (name: string): NewRunRecord => ({
  name,
  finishedAt: 1_700_000_000_000,
  config: defaultConfig(),
  datasetLabel: 'MNIST sample',
  totalParams: 5994,
  backend: 'cpu',
  outcome: 'done',
  batches: [{ step: 1, epoch: 1, size: 64, loss: 2.3, accuracy: 0.1 }],
  epochs: [],
  learningRateChanges: [],
  restoredEpoch: null,
});

describe('run history in IndexedDB', () => {
  it('stores, lists, renames and deletes runs', async () => {
    const a = await addRun(run('first'));
    const b = await addRun(run('second'));
    expect(b.id).toBeGreaterThan(a.id);
    expect((await listRuns()).map((r) => r.name)).toEqual(['first', 'second']);
    await renameRun(a.id, 'with dropout');
    expect((await listRuns()).map((r) => r.name)).toEqual(['with dropout', 'second']);
    await deleteRun(b.id);
    const left = await listRuns();
    expect(left).toHaveLength(1);
    expect(left[0]).toEqual({ ...run('with dropout'), id: a.id });
  });
});

// Run history: every run that trained at least one batch is stored in
// IndexedDB when it ends, and can be renamed, deleted, compared and reopened.
import { describeSource, resolveDatasetInfo } from '../config/datasets';
import { errorMessage } from '../lib/assert';
import { addRun, deleteRun, listRuns, renameRun } from '../history/db';
import { makeRecord } from '../history/record';
import { checkModel } from '../model/spec';
import { useAppStore, type HistorySlice } from './store';

function setHistory(update: (history: HistorySlice) => Partial<HistorySlice>): void {
  useAppStore.setState((state) => ({ history: { ...state.history, ...update(state.history) } }));
}

function unavailable(error: unknown): void {
  setHistory(() => ({ status: 'unavailable', error: `Run history is not available in this browser (${errorMessage(error)}). Runs still train; they are not kept.` }));
}

/** Reads the stored runs; call once when the page opens. */
export async function loadHistory(): Promise<void> {
  try {
    const runs = await listRuns();
    setHistory(() => ({ runs, status: 'ready', error: null }));
  } catch (error) {
    unavailable(error);
  }
}

const saved = new Set<number>();

/** Stores the run that just ended (once), if it trained at least one batch. */
export async function saveFinishedRun(runId: number): Promise<void> {
  const { run, metrics, history, data } = useAppStore.getState();
  if (run.runId !== runId || saved.has(runId) || !run.config || metrics.batches.length === 0 || history.status === 'unavailable') return;
  saved.add(runId);
  const { info } = resolveDatasetInfo(run.config.dataset, data.loaded);
  const number = history.runs.reduce((max, r) => Math.max(max, r.id), 0) + 1;
  const record = makeRecord({
    name: `Run ${number}`,
    finishedAt: Date.now(),
    config: run.config,
    datasetLabel: info?.label ?? describeSource(run.config.dataset),
    totalParams: info ? checkModel(run.config.layers, info.inputShape, info.output).totalParams : 0,
    backend: run.backend,
    outcome: run.status === 'done' ? 'done' : run.status === 'error' ? 'error' : 'stopped',
    batches: metrics.batches,
    epochs: metrics.epochs,
    learningRateChanges: metrics.learningRateChanges,
    restoredEpoch: run.restoredEpoch,
  });
  try {
    const stored = await addRun(record);
    setHistory((h) => ({ runs: [...h.runs, stored] }));
  } catch (error) {
    unavailable(error);
  }
}

export async function renameHistoryRun(id: number, name: string): Promise<void> {
  const trimmed = name.trim();
  if (trimmed === '') return;
  setHistory((h) => ({ runs: h.runs.map((r) => (r.id === id ? { ...r, name: trimmed } : r)) }));
  try {
    await renameRun(id, trimmed);
  } catch (error) {
    unavailable(error);
  }
}

export async function deleteHistoryRun(id: number): Promise<void> {
  setHistory((h) => ({ runs: h.runs.filter((r) => r.id !== id), compared: h.compared.filter((c) => c !== id) }));
  try {
    await deleteRun(id);
  } catch (error) {
    unavailable(error);
  }
}

/** Adds a run to the comparison charts, or takes it off. */
export function toggleCompared(id: number): void {
  setHistory((h) => ({ compared: h.compared.includes(id) ? h.compared.filter((c) => c !== id) : [...h.compared, id] }));
}

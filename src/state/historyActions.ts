// Run history: every run that trained at least one batch is stored in
// IndexedDB as it trains (after epochs) and when it ends, and can be renamed, deleted, compared and reopened.
import { describeSource, resolveDatasetInfo } from '../config/datasets';
import { errorMessage } from '../lib/assert';
import { addRun, checkpointIds, deleteCheckpoint, deleteRun, listRuns, putCheckpoint, putRun, renameRun } from '../history/db';
import { holdTabLock, liveTabs, TAB_ID } from '../history/owner';
import { makeRecord, type NewRunRecord, type RunOutcome, type RunRecord } from '../history/record';
import { checkModel } from '../model/spec';
import { setSlice, useAppStore, type HistorySlice } from './store';
import type { ExperimentConfig } from '../config/experiment';
import type { SplitScores } from '../metrics/types';
import type { SweepTag } from '../sweep/results';
import { finishedTag } from '../sweep/active';
import type { TrainingEvent } from '../train/page/client';
import type { Checkpoint } from '../history/checkpoint';
import { keepModel, modelOfRun, pruneModels } from './keptModels';

const setHistory = (update: (history: HistorySlice) => Partial<HistorySlice>) => setSlice('history', update);

function unavailable(error: unknown): void {
  setHistory(() => ({
    status: 'unavailable',
    error: `Run history is not available in this browser (${errorMessage(error)}). Runs still train; they are not kept.`,
  }));
}

export { TAB_ID };

/**
 * Reads the stored runs; call once when the page opens. A run still marked
 * as running whose tab is gone was cut off (a reload, a closed tab): it is
 * kept, as interrupted. One whose tab lives trains there and is left alone.
 * Resolves to the runs as now kept (none when the history is unavailable).
 */
export async function loadHistory(): Promise<readonly RunRecord[]> {
  try {
    await holdTabLock();
    const [runs, live] = await Promise.all([listRuns(), liveTabs()]);
    // Without Web Locks no tab can tell: every run still marked running is taken for cut off, as before.
    const elsewhere = (record: RunRecord) =>
      record.owner !== undefined && record.owner !== TAB_ID && live !== null && live.has(record.owner);
    const cutOff = runs.filter((record) => record.outcome === 'running' && !elsewhere(record));
    const fixed = runs.map((record): RunRecord => (cutOff.includes(record) ? { ...record, outcome: 'interrupted' } : record));
    const kept = await keepResumable(fixed);
    setHistory(() => ({ runs: kept, status: 'ready', error: null }));
    await pruneModels().catch(() => undefined);
    void Promise.all(cutOff.map((record) => putRun(kept.find((k) => k.id === record.id)!))).catch(unavailable);
    return kept;
  } catch (error) {
    unavailable(error);
    return [];
  }
}

/** Interrupted runs that keep their checkpoint (for Resume), the latest first; older ones lose it. */
export const MAX_RESUMABLE = 3;

/**
 * Checkpoints are kept only for the latest MAX_RESUMABLE interrupted runs,
 * and for runs training in another tab; every other one is deleted, and
 * its record no longer offers Resume.
 */
async function keepResumable(runs: RunRecord[]): Promise<RunRecord[]> {
  const interrupted = runs.filter((r) => r.outcome === 'interrupted' && r.checkpoint).sort((a, b) => b.id - a.id);
  const resumable = new Set([
    ...interrupted.slice(0, MAX_RESUMABLE).map((r) => r.id),
    ...runs.filter((r) => r.outcome === 'running').map((r) => r.id),
  ]);
  const stale = (await checkpointIds()).filter((id) => !resumable.has(id));
  await Promise.all(stale.map(deleteCheckpoint));
  return runs.map((r) => (r.checkpoint && !resumable.has(r.id) ? withoutCheckpoint(r) : r));
}

function withoutCheckpoint(record: RunRecord): RunRecord {
  const rest = { ...record };
  delete rest.checkpoint;
  return rest;
}

/** Keeps each run in the history as it trains and when it ends; subscribed with onRunEvents from main.tsx. */
export function recordRunEvent(event: TrainingEvent): void {
  if (event.type === 'epoch-end') saveRunProgress(event.runId);
  else if (event.type === 'checkpoint') keepCheckpoint(event.runId, event.checkpoint, event.note);
  else if (event.type === 'done' && event.kept) {
    // What the weights fit is read now, before the page moves on; they are kept once the record has its id.
    const model = modelOfRun(event.runId, event.kept);
    const entry = entryFor(event.runId);
    void saveFinishedRun(event.runId).then(() => (model && entry.id !== null ? keepModel(entry.id, model) : undefined));
  } else if (event.type === 'done' || event.type === 'error') void saveFinishedRun(event.runId);
}

/**
 * Where a run in progress stands, for Resume after a reload: the record is
 * written now (so it holds every epoch up to the checkpoint), then the
 * checkpoint beside it. A note says why a run cannot be resumed.
 */
function keepCheckpoint(runId: number, checkpoint: Checkpoint | null, note: string | undefined): void {
  const entry = entryFor(runId);
  if (entry.finished) return;
  entry.checkpoint = checkpoint ? { epoch: checkpoint.epoch, step: checkpoint.step } : null;
  entry.resumeNote = note ?? null;
  writeProgress(runId, entry);
  if (!checkpoint) return;
  entry.chain = entry.chain.then(async () => {
    if (entry.id === null || entry.finished) return;
    try {
      await putCheckpoint(entry.id, checkpoint);
    } catch (error) {
      entry.checkpoint = null;
      entry.resumeNote = `Resume is not offered for this run: its checkpoint could not be stored (${errorMessage(error)}).`;
    }
  });
}

/**
 * A run in progress is written at most this often; an epoch that ends
 * sooner is written by a trailing save when the interval is up (or at
 * pagehide, or at the run's end), never skipped.
 */
export const PROGRESS_SAVE_MS = 250;

interface Stored {
  /** Its record's id once the first write is done. */
  id: number | null;
  /** Writes for one run happen one after another. */
  chain: Promise<void>;
  lastSave: number;
  /** A trailing save is due (an epoch ended since the last write). */
  trailing: ReturnType<typeof setTimeout> | null;
  finished: boolean;
  /** The latest checkpoint stored for it, or why it has none. */
  checkpoint: { epoch: number; step: number } | null;
  resumeNote: string | null;
}
const stored = new Map<number, Stored>();

/** The record of the current run as it stands, or null when there is nothing to keep. */
function currentRecord(runId: number, outcome: RunOutcome, entry: Stored): NewRunRecord | null {
  const { run, metrics, history, data } = useAppStore.getState();
  if (run.runId !== runId || !run.config || metrics.batches.length === 0 || history.status === 'unavailable') return null;
  const { info } = resolveDatasetInfo(run.config.dataset, data.loaded);
  const number = history.runs.reduce((max, r) => Math.max(max, r.id), 0) + 1;
  return makeRecord({
    name: `Run ${number}`,
    finishedAt: Date.now(),
    config: run.config,
    datasetLabel: info?.label ?? describeSource(run.config.dataset),
    totalParams: info ? checkModel(run.config.layers, info.inputShape, info.output).totalParams : 0,
    backend: run.backend,
    outcome,
    batches: metrics.batches,
    epochs: metrics.epochs,
    learningRateChanges: metrics.learningRateChanges,
    restoredEpoch: run.restoredEpoch,
    ...(run.sweep ? { sweep: finishedTag(run, performance.now())! } : {}),
    ...(outcome === 'running' ? { owner: TAB_ID } : {}),
    ...(metrics.probeEvery !== null ? { probes: metrics.probes, probeEvery: metrics.probeEvery } : {}),
    ...(outcome === 'running' && entry.checkpoint ? { checkpoint: entry.checkpoint } : {}),
    ...(entry.resumeNote ? { resumeNote: entry.resumeNote } : {}),
    ...(run.startedFrom ? { startedFrom: run.startedFrom } : {}),
  });
}

/** A name the page gave (not the user): "Run 12". */
const GIVEN_NAME = /^Run \d+$/;

/** Adds the run's record, or replaces the one stored before (keeping a name the user gave it). */
function write(entry: Stored, record: NewRunRecord): void {
  entry.chain = entry.chain.then(async () => {
    try {
      if (entry.id === null) {
        let added = await addRun(record);
        entry.id = added.id;
        // Numbered by the id the database gave: another tab may have stored runs this one has not seen.
        if (GIVEN_NAME.test(added.name) && added.name !== `Run ${added.id}`) {
          added = { ...added, name: `Run ${added.id}` };
          await putRun(added);
        }
        const first = added;
        setHistory((h) => ({ runs: [...h.runs, first] }));
        return;
      }
      const id = entry.id;
      const name = useAppStore.getState().history.runs.find((r) => r.id === id)?.name ?? record.name;
      const next: RunRecord = { ...record, id, name };
      await putRun(next);
      setHistory((h) => ({ runs: h.runs.map((r) => (r.id === id ? next : r)) }));
    } catch (error) {
      unavailable(error);
    }
  });
}

function entryFor(runId: number): Stored {
  let entry = stored.get(runId);
  if (!entry) {
    entry = {
      id: null,
      chain: Promise.resolve(),
      lastSave: -Infinity,
      trailing: null,
      finished: false,
      checkpoint: null,
      resumeNote: null,
    };
    stored.set(runId, entry);
  }
  return entry;
}

/** Writes the run in progress as it stands now. */
function writeProgress(runId: number, entry: Stored): void {
  if (entry.trailing !== null) clearTimeout(entry.trailing);
  entry.trailing = null;
  if (entry.finished) return;
  const record = currentRecord(runId, 'running', entry);
  if (!record) return;
  entry.lastSave = performance.now();
  write(entry, record);
}

/**
 * Keeps the run in progress in the history after each epoch, so a reload
 * loses none: at once, or by a trailing save within PROGRESS_SAVE_MS.
 */
export function saveRunProgress(runId: number): void {
  const entry = entryFor(runId);
  if (entry.finished || entry.trailing !== null) return;
  const wait = entry.lastSave + PROGRESS_SAVE_MS - performance.now();
  if (wait <= 0) writeProgress(runId, entry);
  else entry.trailing = setTimeout(() => writeProgress(runId, entry), wait);
}

/** The page is going away (reload, closed tab): write every save still due, now. */
export function flushRunProgress(): void {
  for (const [runId, entry] of stored) if (entry.trailing !== null) writeProgress(runId, entry);
}

/** Stores the run that just ended (once), if it trained at least one batch. */
export function saveFinishedRun(runId: number): Promise<void> {
  const entry = entryFor(runId);
  if (entry.finished) return entry.chain;
  const { run } = useAppStore.getState();
  const record = currentRecord(runId, run.status === 'done' ? 'done' : run.status === 'error' ? 'error' : 'stopped', entry);
  if (!record) return entry.chain;
  if (entry.trailing !== null) clearTimeout(entry.trailing);
  entry.trailing = null;
  entry.finished = true;
  write(entry, record);
  // A run that ended has nothing to resume.
  entry.chain = entry.chain.then(() => (entry.id === null ? undefined : deleteCheckpoint(entry.id).catch(() => undefined)));
  return entry.chain;
}

/** A resumed run goes on in the record it was cut off in (its id and name), from its checkpoint. */
export function continueInRecord(runId: number, record: RunRecord, checkpoint: { epoch: number; step: number }): void {
  const entry = entryFor(runId);
  entry.id = record.id;
  entry.checkpoint = checkpoint;
  setHistory((h) => ({ runs: h.runs.map((r) => (r.id === record.id ? { ...r, outcome: 'running', owner: TAB_ID } : r)) }));
}

/** Keeps a sweep's random forest in the history beside the network runs (scores as "epoch 0", no curves). */
export async function saveForestRecord(
  config: ExperimentConfig,
  tag: SweepTag,
  scores: { train: SplitScores; validation: SplitScores },
): Promise<void> {
  const { history, data } = useAppStore.getState();
  if (history.status === 'unavailable') return;
  const { info } = resolveDatasetInfo(config.dataset, data.loaded);
  const number = history.runs.reduce((max, r) => Math.max(max, r.id), 0) + 1;
  const record: NewRunRecord = {
    name: `Run ${number} (random forest)`,
    finishedAt: Date.now(),
    config,
    datasetLabel: info?.label ?? describeSource(config.dataset),
    totalParams: 0,
    backend: null,
    outcome: 'done',
    batches: [],
    epochs: [{ epoch: 0, step: 0, train: scores.train, validation: scores.validation }],
    learningRateChanges: [],
    restoredEpoch: null,
    sweep: tag,
  };
  try {
    const added = await addRun(record);
    setHistory((h) => ({ runs: [...h.runs, added] }));
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

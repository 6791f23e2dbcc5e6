// The sweep runner: trains each planned member one after another as an
// ordinary run, collects its row when it ends, and moves on. Stop keeps the
// finished rows; Resume goes on with the next member. Each member is kept in
// the history with its sweep's tag, so the table survives a reload.
//
// It reaches training only through a port, connected from main.tsx, so a
// unit test drives it with a fake.
import { resolveDatasetInfo } from '../config/datasets';
import type { ExperimentConfig } from '../config/experiment';
import { errorMessage } from '../lib/assert';
import { FOREST, planSweep, sweepFolds, type SweepMember, type SweepSpec } from '../sweep/plan';
import { sweepRow, type SweepRow, type SweepTag } from '../sweep/results';
import { finishedTag, timedRate, type ActiveSweep } from '../sweep/active';
import { isRegressionRecord, type RunRecord } from '../history/record';
import type { SplitScores } from '../metrics/types';
import type { RunEnd } from './clientHandle';
import { setSlice, useAppStore } from './store';

/** What the runner needs from the rest of the page. */
export interface SweepPort {
  /** Starts a member as an ordinary run (it shows on the page's charts); returns its run id. */
  startRun(config: ExperimentConfig, tag: SweepTag): number;
  stopRun(): void;
  /** Grows the model knob's random forest on the member's data and split. */
  growForest(config: ExperimentConfig): Promise<{ seconds: number; trainSamples: number; train: SplitScores; validation: SplitScores }>;
  /** Keeps a grown forest in the history beside the network runs. */
  keepForest(config: ExperimentConfig, tag: SweepTag, scores: { train: SplitScores; validation: SplitScores }): void;
  /** Calls `listener` after the store took a run's end; returns the unsubscribe. */
  onRunEnded(listener: (event: RunEnd) => void): () => void;
}

let port: SweepPort | null = null;

/** Connects the runner to training; returns the disconnect. */
export function connectSweepRunner(next: SweepPort): () => void {
  port = next;
  const off = next.onRunEnded(onSweepRunEnded);
  return () => {
    off();
    if (port === next) port = null;
  };
}

function connected(): SweepPort {
  if (!port) throw new Error('The sweep runner is not connected (state/sweepRunner.ts: connectSweepRunner).');
  return port;
}

const setActive = (active: ActiveSweep) => setSlice('sweep', { active });

/** Starts the next member without a row, or ends the sweep. */
function runNext(): void {
  const active = useAppStore.getState().sweep.active;
  if (!active) return;
  // A part-row (a member stopped while it trained) is run again; its row is replaced when it ends.
  const done = new Set(active.rows.filter((row) => row.outcome !== 'partial').map((row) => row.member));
  const next = active.members.find((member) => !done.has(member.index));
  if (!next) {
    setActive({ ...active, current: null, status: 'done' });
    return;
  }
  const tag: SweepTag = {
    id: active.id,
    knob: active.spec.knob,
    values: active.spec.values,
    seeds: active.spec.seeds,
    ...(next.fold !== undefined ? { folds: sweepFolds(active.spec), fold: next.fold } : {}),
    target: active.spec.target,
    metric: active.spec.metric,
    member: next.index,
    valueIndex: next.valueIndex,
    label: next.label,
    seed: next.seed,
    seconds: 0,
    samplesPerSecond: 0,
  };
  setActive({ ...active, current: next.index, status: 'running', memberStartedAt: performance.now() });
  if (next.value === FOREST) void runForestMember(next, tag);
  else connected().startRun(next.config, tag);
}

/** The model knob's random forest: grown in the worker on the same split; kept in the history as its scores at "epoch 0". */
async function runForestMember(member: SweepMember, tag: SweepTag): Promise<void> {
  const task = useAppStore.getState().sweep.active?.task ?? 'classification';
  let row: SweepRow;
  try {
    const result = await connected().growForest(member.config);
    const finished = { ...tag, seconds: result.seconds, samplesPerSecond: timedRate(result.trainSamples, result.seconds) };
    connected().keepForest(member.config, finished, result);
    row = sweepRow({
      sweep: finished,
      epochs: [{ epoch: 0, step: 0, train: result.train, validation: result.validation }],
      restoredEpoch: null,
      outcome: 'done',
      backend: null,
      task,
    });
  } catch (error) {
    row = sweepRow({ sweep: tag, epochs: [], restoredEpoch: null, outcome: 'error', backend: null, task, error: errorMessage(error) });
  }
  const active = useAppStore.getState().sweep.active;
  if (!active || active.id !== tag.id || active.status !== 'running') return;
  setActive({ ...active, rows: [...active.rows, row], current: null, walls: [...(active.walls ?? []), wallOf(active)] });
  runNext();
}

/** Seconds since the member in progress started (its wall time, start-up included). */
const wallOf = (active: ActiveSweep) => (performance.now() - (active.memberStartedAt ?? performance.now())) / 1000;

/** Plans the sweep over the current experiment (with `base` changes, for a textbook table) and starts its first run. */
export function startSweep(base: Partial<ExperimentConfig> = {}): void {
  const { config, sweep, data } = useAppStore.getState();
  const { info } = resolveDatasetInfo(config.dataset, data.loaded);
  if (!info || sweep.spec.values.length === 0) return;
  const { members, capped } = planSweep({ ...config, ...base }, sweep.spec);
  setActive({
    id: `sweep-${Date.now()}`,
    spec: structuredClone(sweep.spec),
    task: info.task,
    members,
    capped,
    rows: [],
    current: null,
    status: 'running',
    startedAt: performance.now(),
  });
  useAppStore.setState({ workbenchTab: 'sweeps' });
  runNext();
}

/** Stops the run in progress; the finished rows stay. */
export function stopSweep(): void {
  const active = useAppStore.getState().sweep.active;
  if (!active || active.status !== 'running') return;
  // `current` stays until the run's end arrives: what it trained becomes a part-row then.
  setActive({ ...active, status: 'stopped' });
  connected().stopRun();
}

/** Goes on with the members that have no row yet. */
export function resumeSweep(): void {
  const active = useAppStore.getState().sweep.active;
  if (!active || active.status !== 'stopped') return;
  setActive({ ...active, status: 'running' });
  runNext();
}

/** After the store took a run's end: a sweep member gets its row, and the next one starts. */
function onSweepRunEnded(event: RunEnd): void {
  const { sweep, run, metrics } = useAppStore.getState();
  const active = sweep.active;
  if (!active || active.status === 'done' || !run.sweep || run.sweep.id !== active.id || run.runId !== event.runId) return;
  // Stop sweep was pressed (the status says so already), or the run was stopped on its own.
  if (active.status === 'stopped' && active.current !== run.sweep.member) return;
  const stopped = (event.type === 'done' && event.reason === 'stopped') || active.status === 'stopped';
  const row: SweepRow = sweepRow({
    sweep: finishedTag(run, performance.now())!,
    epochs: metrics.epochs,
    probes: metrics.probes,
    probeEvery: metrics.probeEvery,
    restoredEpoch: run.restoredEpoch,
    outcome: stopped ? 'stopped' : event.type === 'done' ? 'done' : 'error',
    backend: run.backend,
    task: active.task,
    error: run.error,
    step: run.step,
  });
  const rows = [...active.rows.filter((r) => r.member !== row.member), ...(stopped && run.step === 0 ? [] : [row])];
  if (stopped) {
    // What it trained stays, as a part-row, marked: a long member's speed is measured before it ends.
    setActive({ ...active, rows, current: null, status: 'stopped' });
    return;
  }
  setActive({ ...active, rows, current: null, walls: [...(active.walls ?? []), wallOf(active)] });
  // After the page has drawn the run's end.
  setTimeout(runNext, 0);
}

/**
 * The latest sweep kept in the history, as the table shows it (after a
 * reload). Members without a row are planned again over the current
 * experiment, so a stopped sweep can go on.
 */
export function restoreSweepFromHistory(runs: readonly RunRecord[]): void {
  const { sweep, config } = useAppStore.getState();
  if (sweep.active) return;
  const tagged = runs.filter((record) => record.sweep);
  const latest = tagged[tagged.length - 1]?.sweep;
  if (!latest) return;
  const all = tagged.filter((record) => record.sweep!.id === latest.id);
  const ended = (record: RunRecord) => record.outcome === 'done' || record.outcome === 'error';
  // A member stopped part-way is a part-row, unless it ran again to the end.
  const byMember = new Map<number, RunRecord>();
  for (const record of all) {
    const kept = byMember.get(record.sweep!.member);
    if (ended(record) || (record.outcome === 'stopped' && !(kept && ended(kept)))) byMember.set(record.sweep!.member, record);
  }
  const members = [...byMember.values()];
  const task = members.some((record) => isRegressionRecord(record)) ? 'regression' : 'classification';
  const rows = members.map((record) =>
    sweepRow({
      sweep: record.sweep!,
      epochs: record.epochs,
      probes: record.probes,
      probeEvery: record.probeEvery,
      restoredEpoch: record.restoredEpoch,
      outcome: record.outcome,
      backend: record.backend,
      task,
      step: record.batches[record.batches.length - 1]?.step ?? 0,
    }),
  );
  const spec: SweepSpec = {
    knob: latest.knob,
    values: latest.values,
    seeds: latest.seeds,
    ...(latest.folds ? { folds: latest.folds } : {}),
    target: latest.target,
    metric: latest.metric ?? 'accuracy',
  };
  const plan = planSweep(config, spec);
  const status = plan.members.every((member) => rows.some((row) => row.member === member.index && row.outcome !== 'partial'))
    ? 'done'
    : 'stopped';
  setSlice('sweep', {
    spec,
    valuesText: spec.values.join(', '),
    problems: [],
    active: { id: latest.id, spec, task, members: plan.members, capped: plan.capped, rows, current: null, status, startedAt: 0 },
  });
  useAppStore.setState({ workbenchTab: 'sweeps' });
}

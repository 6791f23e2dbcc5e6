// Sweeps: the form (knob, values, seeds, target), and the runner that trains
// each planned member one after another in the worker, collects its row when
// it ends, and moves on. Stop keeps the finished rows; Resume goes on with the
// next member. Each member is an ordinary run, kept in the history with its
// sweep's tag, so the table survives a reload.
import { resolveDatasetInfo } from '../config/datasets';
import type { ExperimentConfig } from '../config/experiment';
import { FOREST, parseValues, planSweep, valueLabel, type Knob, type SweepMember, type SweepSpec } from '../sweep/plan';
import { errorMessage } from '../lib/assert';
import { runForest } from './forestActions';
import { saveForestRecord } from './historyActions';
import { sweepColumns, sweepRow, type SweepRow, type SweepTag } from '../sweep/results';
import type { TrainingEvent } from '../train/client';
import { isRegressionRecord, type RunRecord } from '../history/record';
import { startRunOf, stopRun } from './actions';
import { useAppStore, type RunSlice, type SweepSlice } from './store';

/** Values to start from when the knob changes. */
const STARTING_VALUES: Record<Knob, string> = {
  trainFraction: '0.05, 0.2, 1',
  optimizer: 'sgd, momentum, adam, rmsprop, adadelta, adamax',
  learningRate: '0.0001..0.1 x4',
  batchSize: '16, 64, 256',
  epochs: '1, 3, 10',
  backend: 'cpu, wasm, webgl',
  model: 'logistic, mlp, overfit, forest',
  width: '0.25, 1, 4',
  dropout: '0, 0.25, 0.5',
  weightDecay: '0.00001..0.01 x4',
  labelNoise: '0, 0.2, 0.4',
};

function setSweep(update: (sweep: SweepSlice) => Partial<SweepSlice>): void {
  useAppStore.setState((state) => ({ sweep: { ...state.sweep, ...update(state.sweep) } }));
}

export function setSweepValues(text: string): void {
  setSweep((sweep) => {
    const { values, problems } = parseValues(sweep.spec.knob, text);
    return { valuesText: text, problems, spec: { ...sweep.spec, values } };
  });
}

export function setSweepKnob(knob: Knob): void {
  setSweep((sweep) => ({ spec: { ...sweep.spec, knob } }));
  setSweepValues(STARTING_VALUES[knob]);
}

export function setSweepSeeds(seeds: number): void {
  setSweep((sweep) => ({ spec: { ...sweep.spec, seeds } }));
}

export function setSweepTarget(target: number): void {
  setSweep((sweep) => ({ spec: { ...sweep.spec, target } }));
}

/** The column the chart plots (also for a sweep already run). */
export function setSweepMetric(metric: string): void {
  setSweep((sweep) => ({ spec: { ...sweep.spec, metric }, active: sweep.active ? { ...sweep.active, spec: { ...sweep.active.spec, metric } } : null }));
}

/** Sets the whole form (a textbook table, or a link). */
export function setSweepSpec(spec: SweepSpec): void {
  setSweep(() => ({ spec, valuesText: spec.values.join(', '), problems: [] }));
  useAppStore.setState({ workbenchTab: 'sweeps' });
}

/** Starts the next member without a row, or ends the sweep. */
function runNext(): void {
  const { sweep } = useAppStore.getState();
  const active = sweep.active;
  if (!active) return;
  const done = new Set(active.rows.map((row) => row.member));
  const next = active.members.find((member) => !done.has(member.index));
  if (!next) {
    setSweep(() => ({ active: { ...active, current: null, status: 'done' } }));
    return;
  }
  const tag: SweepTag = { id: active.id, knob: active.spec.knob, values: active.spec.values, seeds: active.spec.seeds, target: active.spec.target, metric: active.spec.metric, member: next.index, valueIndex: next.valueIndex, label: next.label, seed: next.seed, seconds: 0, samplesPerSecond: 0 };
  setSweep(() => ({ active: { ...active, current: next.index, status: 'running' } }));
  if (next.value === FOREST) void runForestMember(next, tag);
  else startRunOf(next.config, { sweep: tag });
}

/** The model knob's random forest: grown in the worker on the same split; kept in the history as its scores at "epoch 0". */
async function runForestMember(member: SweepMember, tag: SweepTag): Promise<void> {
  const task = useAppStore.getState().sweep.active?.task ?? 'classification';
  let row: SweepRow;
  try {
    const result = await runForest(member.config, () => undefined);
    const finished = { ...tag, seconds: result.seconds, samplesPerSecond: result.trainSamples / Math.max(result.seconds, 1e-3) };
    void saveForestRecord(member.config, finished, result);
    row = sweepRow({ sweep: finished, epochs: [{ epoch: 0, step: 0, train: result.train, validation: result.validation }], restoredEpoch: null, outcome: 'done', backend: null, task });
  } catch (error) {
    row = sweepRow({ sweep: tag, epochs: [], restoredEpoch: null, outcome: 'error', backend: null, task, error: errorMessage(error) });
  }
  const active = useAppStore.getState().sweep.active;
  if (!active || active.id !== tag.id || active.status !== 'running') return;
  setSweep(() => ({ active: { ...active, rows: [...active.rows, row], current: null } }));
  runNext();
}

/** Plans the sweep over the current experiment (with `base` changes, for a textbook table) and starts its first run. */
export function startSweep(base: Partial<ExperimentConfig> = {}): void {
  const { config, sweep, data } = useAppStore.getState();
  const { info } = resolveDatasetInfo(config.dataset, data.loaded);
  if (!info || sweep.spec.values.length === 0) return;
  const { members, capped } = planSweep({ ...config, ...base }, sweep.spec);
  setSweep(() => ({ active: { id: `sweep-${Date.now()}`, spec: structuredClone(sweep.spec), task: info.task, members, capped, rows: [], current: null, status: 'running', startedAt: performance.now() } }));
  useAppStore.setState({ workbenchTab: 'sweeps' });
  runNext();
}

/** Stops the run in progress; the finished rows stay. */
export function stopSweep(): void {
  const active = useAppStore.getState().sweep.active;
  if (!active || active.status !== 'running') return;
  setSweep(() => ({ active: { ...active, current: null, status: 'stopped' } }));
  stopRun();
}

/** Goes on with the members that have no row yet. */
export function resumeSweep(): void {
  const active = useAppStore.getState().sweep.active;
  if (!active || active.status !== 'stopped') return;
  setSweep(() => ({ active: { ...active, status: 'running' } }));
  runNext();
}

/** A sweep run's tag with its wall time and speed so far; null for a run outside a sweep. */
export function finishedTag(run: RunSlice): SweepTag | null {
  return run.sweep ? { ...run.sweep, seconds: (performance.now() - run.startedAt) / 1000, samplesPerSecond: run.samplesPerSecond } : null;
}

/** After the store took a run's end: a sweep member gets its row, and the next one starts. */
export function onSweepRunEnded(event: Extract<TrainingEvent, { type: 'done' | 'error' }>): void {
  const { sweep, run, metrics } = useAppStore.getState();
  const active = sweep.active;
  if (!active || active.status !== 'running' || !run.sweep || run.sweep.id !== active.id || run.runId !== event.runId) return;
  if (event.type === 'done' && event.reason === 'stopped') {
    setSweep(() => ({ active: { ...active, current: null, status: 'stopped' } }));
    return;
  }
  const row: SweepRow = sweepRow({ sweep: finishedTag(run)!, epochs: metrics.epochs, restoredEpoch: run.restoredEpoch, outcome: event.type === 'done' ? 'done' : 'error', backend: run.backend, task: active.task, error: run.error });
  setSweep(() => ({ active: { ...active, rows: [...active.rows, row], current: null } }));
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
  const members = tagged.filter((record) => record.sweep!.id === latest.id && (record.outcome === 'done' || record.outcome === 'error'));
  const task = members.some((record) => isRegressionRecord(record)) ? 'regression' : 'classification';
  const rows = members.map((record) => sweepRow({ sweep: record.sweep!, epochs: record.epochs, restoredEpoch: record.restoredEpoch, outcome: record.outcome, backend: record.backend, task }));
  const spec: SweepSpec = { knob: latest.knob, values: latest.values, seeds: latest.seeds, target: latest.target, metric: latest.metric ?? 'accuracy' };
  const plan = planSweep(config, spec);
  const status = plan.members.every((member) => rows.some((row) => row.member === member.index)) ? 'done' : 'stopped';
  setSweep(() => ({ spec, valuesText: spec.values.join(', '), problems: [], active: { id: latest.id, spec, task, members: plan.members, capped: plan.capped, rows, current: null, status, startedAt: 0 } }));
  useAppStore.setState({ workbenchTab: 'sweeps' });
}

/** Seconds left, from the finished members' mean time and the current member's progress. */
export function sweepEta(active: NonNullable<SweepSlice['active']>, currentFraction: number): number | null {
  const finished = active.rows.length;
  if (finished === 0) return null;
  const perRun = active.rows.reduce((sum, row) => sum + row.seconds, 0) / finished;
  const left = active.members.length - finished - (active.current !== null ? currentFraction : 0);
  return Math.max(0, left * perRun);
}

/** The table as CSV: one row per run, the knob's value first. */
export function sweepCsv(active: NonNullable<SweepSlice['active']>): string {
  const columns = sweepColumns(active.task);
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const header = [active.spec.knob, 'seed', 'backend', 'outcome', ...columns.map((c) => c.label)];
  const rows = [...active.rows]
    .sort((a, b) => a.member - b.member)
    .map((row) => [quote(valueLabel(active.spec.knob, active.spec.values[row.valueIndex])), row.seed, row.backend ?? '', row.outcome, ...columns.map((c) => c.read(row) ?? '')].join(','));
  return [header.map(quote).join(','), ...rows].join('\n') + '\n';
}

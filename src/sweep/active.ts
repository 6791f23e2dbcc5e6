// The sweep being run (or the last one): its plan, its rows, where it
// stands; and the pure readings the page takes from it (time left, CSV, a
// member's tag with its time so far). Pure.
import type { Task } from '../data/dataset';
import { valueLabel, type SweepMember, type SweepSpec } from './plan';
import { sweepColumns, type SweepRow, type SweepTag } from './results';

export interface ActiveSweep {
  id: string;
  spec: SweepSpec;
  task: Task;
  members: SweepMember[];
  capped: boolean;
  rows: SweepRow[];
  /** Member in progress, or null. */
  current: number | null;
  status: 'running' | 'stopped' | 'done';
  startedAt: number;
}

/** A sweep run's tag with its wall time (ms clock `now`) and speed so far; null for a run outside a sweep. */
export function finishedTag(run: { sweep: SweepTag | null; startedAt: number; samplesPerSecond: number }, now: number): SweepTag | null {
  return run.sweep ? { ...run.sweep, seconds: (now - run.startedAt) / 1000, samplesPerSecond: run.samplesPerSecond } : null;
}

/** Seconds left, from the finished members' mean time and the current member's progress (0..1). */
export function sweepEta(active: ActiveSweep, currentFraction: number): number | null {
  const finished = active.rows.length;
  if (finished === 0) return null;
  const perRun = active.rows.reduce((sum, row) => sum + row.seconds, 0) / finished;
  const left = active.members.length - finished - (active.current !== null ? currentFraction : 0);
  return Math.max(0, left * perRun);
}

/** The table as CSV: one row per run, the knob's value first. */
export function sweepCsv(active: ActiveSweep): string {
  const columns = sweepColumns(active.task);
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const header = [active.spec.knob, 'seed', 'backend', 'outcome', ...columns.map((c) => c.label)];
  const rows = [...active.rows]
    .sort((a, b) => a.member - b.member)
    .map((row) =>
      [
        quote(valueLabel(active.spec.knob, active.spec.values[row.valueIndex])),
        row.seed,
        row.backend ?? '',
        row.outcome,
        ...columns.map((c) => c.read(row) ?? ''),
      ].join(','),
    );
  return [header.map(quote).join(','), ...rows].join('\n') + '\n';
}

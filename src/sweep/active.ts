// The sweep being run (or the last one): its plan, its rows, where it
// stands; and the pure readings the page takes from it (time left, CSV, a
// member's tag with its time so far). Pure.
import type { Task } from '../data/dataset';
import { formatDuration } from '../metrics/eta';
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
  /** performance.now() when the member in progress started, and the wall time of each member finished in this page (s). */
  memberStartedAt?: number;
  walls?: number[];
}

/** The rows of members that ran to their end (done or failed), not part-rows. */
export const completeRows = (active: Pick<ActiveSweep, 'rows'>) => active.rows.filter((row) => row.outcome !== 'partial');

/** Runs shorter than this (from the first step) are not timed: a coarse clock would make up their speed. */
export const MIN_TIMED_SECONDS = 0.2;

/** Samples per second over `seconds`, or 0 ("too short to time") when the span is under MIN_TIMED_SECONDS. */
export function timedRate(samples: number, seconds: number): number {
  return seconds >= MIN_TIMED_SECONDS && samples > 0 ? samples / seconds : 0;
}

/** Training samples in the first `step` steps: whole epochs of `trainSamples`, then full batches. */
export function samplesTrained(step: number, sizes: { trainSamples: number; stepsPerEpoch: number }, batchSize: number): number {
  if (sizes.stepsPerEpoch === 0) return 0;
  const epochs = Math.floor(step / sizes.stepsPerEpoch);
  return epochs * sizes.trainSamples + (step - epochs * sizes.stepsPerEpoch) * batchSize;
}

/**
 * A sweep run's tag with its time and speed so far (ms clock `now`); null
 * for a run outside a sweep. Timed from the first step, so the first
 * member's data loading and backend start-up do not count against it, and
 * its speed is every sample it trained over that time, not a last window.
 */
export function finishedTag(
  run: {
    sweep: SweepTag | null;
    startedAt: number;
    firstPointAt: number | null;
    step: number;
    sizes: { trainSamples: number; stepsPerEpoch: number };
    config: { batchSize: number } | null;
    choice?: { software: string | null };
  },
  now: number,
): SweepTag | null {
  if (!run.sweep) return null;
  const seconds = Math.max(0, (now - (run.firstPointAt ?? now)) / 1000);
  const samples = samplesTrained(run.step, run.sizes, run.config?.batchSize ?? 0);
  const software = run.choice?.software;
  return { ...run.sweep, seconds, samplesPerSecond: timedRate(samples, seconds), ...(software ? { software } : {}) };
}

/**
 * Seconds left in the sweep, updated as the current member trains: what the
 * current member has left at its measured speed (`currentLeft`, null before
 * its speed is known), plus each member not yet started at the mean wall
 * time of those finished, or, before any has finished, at the current
 * member's own total (`currentElapsed` + its time left). Null when nothing
 * measured supports a figure.
 */
export function sweepEta(active: ActiveSweep, currentLeft: number | null, currentElapsed: number): number | null {
  const finished = completeRows(active).length;
  const running = active.current !== null;
  const waiting = active.members.length - finished - (running ? 1 : 0);
  const walls = active.walls ?? [];
  const perMember =
    walls.length > 0 ? walls.reduce((a, b) => a + b, 0) / walls.length : currentLeft !== null ? currentElapsed + currentLeft : null;
  if (perMember === null || (running && currentLeft === null)) return null;
  return Math.max(0, (running ? (currentLeft ?? 0) : 0) + waiting * perMember);
}

/** The table as CSV: one row per run, the knob's value first. */
export function sweepCsv(active: ActiveSweep): string {
  const columns = sweepColumns(active.task);
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  // The last column says how finely steps to target were read (empty: at epoch ends only).
  const folds = active.rows.some((row) => row.fold !== undefined);
  const header = [
    active.spec.knob,
    folds ? 'fold' : 'seed',
    'backend',
    'outcome',
    ...columns.map((c) => c.label),
    'steps between validation checks',
  ];
  const rows = [...active.rows]
    .sort((a, b) => a.member - b.member)
    .map((row) =>
      [
        quote(valueLabel(active.spec.knob, active.spec.values[row.valueIndex])),
        row.fold ?? row.seed,
        row.backend ?? '',
        row.outcome,
        ...columns.map((c) => c.read(row) ?? ''),
        row.checkEvery ?? '',
      ].join(','),
    );
  return [header.map(quote).join(','), ...rows].join('\n') + '\n';
}

/** A member expected to take longer than this is named, with its time, as soon as its speed is measured. */
export const LONG_MEMBER_SECONDS = 60;

const perSecond = (rate: number) => `${Math.round(rate).toLocaleString('en-US')} samples/s`;

/**
 * The warning for the member in progress when it will take minutes: its
 * whole time from its measured speed (`elapsed` so far plus `left`), so the
 * reader can stop it early; null for a short one or before a speed is known.
 */
export function longMemberWarning(label: string, elapsed: number, left: number | null, samplesPerSecond: number): string | null {
  if (left === null || samplesPerSecond <= 0 || elapsed + left < LONG_MEMBER_SECONDS) return null;
  return `${label} will take about ${formatDuration(elapsed + left)} in all (${formatDuration(left)} left), at its measured ${perSecond(samplesPerSecond)}. Stopping the sweep keeps what it trained as a part-row, its speed included.`;
}

/**
 * Before a backend sweep: the members that will take minutes, from this
 * model's measured speeds (`speeds`, samples/s per backend) and the samples
 * each member trains. Null when none will, or nothing is measured.
 */
export function backendSweepWarning(
  values: readonly (string | number)[],
  speeds: readonly { backend: string; samplesPerSecond: number | null }[],
  samplesPerMember: number,
  labels: Record<string, string>,
): string | null {
  if (samplesPerMember <= 0) return null;
  const long = values.flatMap((value) => {
    const rate = speeds.find((s) => s.backend === value)?.samplesPerSecond ?? null;
    const seconds = rate && rate > 0 ? samplesPerMember / rate : null;
    return seconds !== null && seconds >= LONG_MEMBER_SECONDS
      ? [`${labels[value] ?? value} about ${formatDuration(seconds)} (${perSecond(rate!)})`]
      : [];
  });
  if (long.length === 0) return null;
  return `From this model's measured speeds, ${long.join(', ')}, for ${samplesPerMember.toLocaleString('en-US')} samples each. Fewer epochs or a smaller model show the same ranking sooner.`;
}

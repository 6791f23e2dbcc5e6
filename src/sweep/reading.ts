// A few plain sentences that read a sweep's table, computed from its numbers
// (nothing is written in advance). Pure.
import type { Knob } from './plan';
import { summarise, sweepColumns, type SweepColumn, type SweepRow } from './results';
import { MIN_TIMED_SECONDS } from './active';

interface Group {
  label: string;
  rows: SweepRow[];
}

/** Finished rows by value, in the sweep's order (with `partial`, part-rows too: their speed is measured). */
export function groupRows(rows: readonly SweepRow[], partial = false): Group[] {
  const groups = new Map<number, Group>();
  for (const row of [...rows].sort((a, b) => a.valueIndex - b.valueIndex || a.seed - b.seed || (a.fold ?? 0) - (b.fold ?? 0))) {
    if (row.outcome !== 'done' && !(partial && row.outcome === 'partial')) continue;
    const group = groups.get(row.valueIndex) ?? { label: row.label, rows: [] };
    group.rows.push(row);
    groups.set(row.valueIndex, group);
  }
  return [...groups.values()];
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(3));
const percent = (v: number) => `${Number((v * 100).toPrecision(3))} %`;

function meanOf(group: Group, column: SweepColumn): number | null {
  return summarise(group.rows.map((row) => column.read(row) ?? Number.NaN))?.mean ?? null;
}

/**
 * How finely steps to the target were read: "validation checked every 13
 * steps" (batch resolution, the checks between epoch ends), or "validation
 * checked at epoch ends only" (runs stored before the checks existed).
 */
export function targetResolution(rows: readonly SweepRow[]): string | null {
  const trained = rows.filter((row) => row.outcome === 'done' && row.backend !== 'forest');
  if (trained.length === 0) return null;
  const intervals = [...new Set(trained.map((row) => row.checkEvery))];
  const steps = intervals.filter((every): every is number => every !== null);
  if (steps.length === 0) return 'validation checked at epoch ends only';
  const every = steps.length === 1 ? (steps[0] === 1 ? 'step' : `${steps[0]} steps`) : `${Math.min(...steps)}–${Math.max(...steps)} steps`;
  const older = intervals.includes(null) ? ' (older runs: epoch ends only)' : '';
  return `validation checked every ${every} until the target, and at each epoch end${older}`;
}

/** The sentences under the table; `metric` is the column charted. */
export function readSweep(
  knob: Knob,
  rows: readonly SweepRow[],
  task: 'classification' | 'regression',
  metric: string,
  target: number,
): string[] {
  // Cross-validation of one experiment: its reading is the folds' spread (foldSpread).
  if (knob === 'none') return [];
  const groups = groupRows(rows);
  const withParts = groupRows(rows, true).length;
  if (withParts < 2) return withParts === 1 ? ['One value finished so far; the reading comes with the second.'] : [];
  const columns = sweepColumns(task);
  const column = columns.find((c) => c.key === metric) ?? columns[0];
  const seeds = Math.max(...groups.map((g) => g.rows.length));
  const sentences: string[] = [];
  const scored = groups.map((g) => ({ g, v: meanOf(g, column) })).filter((x): x is { g: Group; v: number } => x.v !== null);
  if (scored.length >= 2) {
    const best = scored.reduce((a, b) => ((column.lower ? b.v < a.v : b.v > a.v) ? b : a));
    const worst = scored.reduce((a, b) => ((column.lower ? b.v > a.v : b.v < a.v) ? b : a));
    const over = seeds > 1 ? ` (means over ${seeds} seeds)` : '';
    // Ties are named together: "best at Adam, RMSprop (250)".
    const tied = (v: number) =>
      scored
        .filter((x) => fmt(x.v) === fmt(v))
        .map((x) => x.g.label)
        .join(', ');
    if (fmt(best.v) === fmt(worst.v)) sentences.push(`${cap(column.label)} is the same for every value (${fmt(best.v)})${over}.`);
    else
      sentences.push(
        `${cap(column.label)} is best at ${tied(best.v)} (${fmt(best.v)}) and worst at ${tied(worst.v)} (${fmt(worst.v)})${over}.`,
      );
  }
  // Concept drift: what the model trained once is worth as the world moves.
  if (knob === 'driftAmount' && scored.length >= 2) {
    const [first, last] = [scored[0], scored[scored.length - 1]];
    const change = last.v - first.v;
    sentences.push(
      `Trained once on the data as it was, the model's ${column.label} goes from ${fmt(first.v)} at ${first.g.label} drift to ${fmt(last.v)} at ${last.g.label}: ${Math.abs(change) < 0.005 ? 'this drift leaves it unharmed' : (column.lower ? change > 0 : change < 0) ? 'it decays as the data moves, and only retraining on the new data wins it back' : 'it does better on the moved data'}.`,
    );
  }
  // Steps to the target: who reached it, how fast, and who did not.
  const reached = groups
    .map((g) => ({ g, steps: summarise(g.rows.map((r) => r.toTarget?.step ?? Number.NaN)) }))
    .filter((x) => x.steps !== null)
    .sort((a, b) => a.steps!.mean - b.steps!.mean);
  const missed = groups.filter((g) => g.rows.every((r) => r.toTarget === null));
  const goal = task === 'classification' ? `${percent(target)} validation accuracy` : `a validation MSE of ${fmt(target)}`;
  if (reached.length > 0) {
    const [first, ...others] = reached;
    const rest =
      others.length > 0 ? `; ${others.map((x) => `${x.g.label} in ${Math.round(x.steps!.mean).toLocaleString('en-US')}`).join(', ')}` : '';
    const late =
      missed.length > 0
        ? `; ${missed.map((g) => g.label).join(', ')} had not reached it after ${Math.max(...missed.flatMap((g) => g.rows.map((r) => r.steps))).toLocaleString('en-US')}`
        : '';
    const resolution = targetResolution(rows);
    sentences.push(
      `${first.g.label} reached ${goal} in ${Math.round(first.steps!.mean).toLocaleString('en-US')} steps${rest}${late}${resolution ? ` (${resolution})` : ''}.`,
    );
  } else if (missed.length > 0) {
    sentences.push(`No run reached ${goal}.`);
  }
  // Speed, where the knob is about speed.
  if (knob === 'backend' || knob === 'batchSize') {
    const speed = columns.find((c) => c.key === 'samplesPerSecond')!;
    // A part-run's speed is measured over what it trained: it counts, and is named.
    const timed = groupRows(rows, true);
    const part = (g: Group) => (g.rows.some((r) => r.outcome === 'partial') ? ' (from a part-run)' : '');
    const rates = timed.map((g) => ({ g, v: meanOf(g, speed) ?? 0 })).filter((x) => x.v > 0);
    const untimed = groups.filter((g) => (meanOf(g, speed) ?? 0) === 0);
    if (untimed.length > 0) {
      sentences.push(
        `${untimed.map((g) => g.label).join(', ')} trained for under ${MIN_TIMED_SECONDS} s: too short to time, so no speed is compared for ${untimed.length > 1 ? 'them' : 'it'}. More epochs give a speed.`,
      );
    }
    if (rates.length >= 2) {
      const fast = rates.reduce((a, b) => (b.v > a.v ? b : a));
      const slow = rates.reduce((a, b) => (b.v < a.v ? b : a));
      sentences.push(
        `${fast.g.label}${part(fast.g)} trained ${(fast.v / slow.v).toFixed(1)} times as fast as ${slow.g.label}${part(slow.g)} (${Math.round(fast.v).toLocaleString('en-US')} vs ${Math.round(slow.v).toLocaleString('en-US')} samples/s).`,
      );
    }
  }
  // Overfitting, where the knob is about capacity or data.
  if (task === 'classification' && ['model', 'width', 'trainFraction', 'labelNoise', 'dropout', 'weightDecay'].includes(knob)) {
    const gap = columns.find((c) => c.key === 'gap')!;
    const gaps = groups.map((g) => ({ g, v: meanOf(g, gap) })).filter((x): x is { g: Group; v: number } => x.v !== null);
    if (gaps.length >= 2) {
      const wide = gaps.reduce((a, b) => (b.v > a.v ? b : a));
      const narrow = gaps.reduce((a, b) => (b.v < a.v ? b : a));
      sentences.push(
        `The gap between training and validation accuracy is widest at ${wide.g.label} (${fmt(wide.v)}) and narrowest at ${narrow.g.label} (${fmt(narrow.v)}).`,
      );
    }
  }
  return sentences;
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * How far apart a k-fold sweep's folds are, per value: the range and spread
 * of the charted score over the folds, in words. Empty without folds.
 */
export function foldSpread(rows: readonly SweepRow[], task: 'classification' | 'regression', metric: string): string[] {
  const columns = sweepColumns(task);
  const column = columns.find((c) => c.key === metric) ?? columns[0];
  return groupRows(rows)
    .filter((group) => group.rows.length >= 2 && group.rows.every((row) => row.fold !== undefined))
    .map((group) => {
      const values = group.rows.map((row) => column.read(row) ?? Number.NaN);
      const stats = summarise(values);
      if (!stats) return null;
      // Ties are named together: "folds 1, 3 and 5 score best".
      const at = (v: number) => group.rows.filter((_, i) => fmt(values[i]) === fmt(v)).map((row) => row.fold);
      const folds = (list: (number | undefined)[], verb: string) =>
        list.length === 1 ? `fold ${list[0]} ${verb}s` : `folds ${list.slice(0, -1).join(', ')} and ${list.at(-1)} ${verb}`;
      const best = at(column.lower ? stats.min : stats.max);
      const worst = at(column.lower ? stats.max : stats.min);
      const of = group.label === 'This experiment' ? '' : ` for ${group.label}`;
      return (
        `Across ${stats.n} folds${of}, ${column.label} runs from ${fmt(stats.min)} to ${fmt(stats.max)} (mean ${fmt(stats.mean)} ± ${fmt(stats.sd)}): ` +
        `${folds(best, 'score')} best and ${folds(worst, 'score')} worst, so one hold-out split could have reported anything in that range.`
      );
    })
    .filter((sentence): sentence is string => sentence !== null);
}

/** Knobs that set a model's capacity in order: their sweep draws the fitting curve (the U). */
export const CAPACITY_KNOBS: readonly Knob[] = ['width', 'depth'];

export interface FittingPoint {
  label: string;
  value: number;
  train: number;
  validation: number;
}

/** Training and validation error per value of a capacity sweep, smallest model first. */
export function fittingCurve(
  rows: readonly SweepRow[],
  task: 'classification' | 'regression',
  values: readonly (number | string)[],
): FittingPoint[] {
  const columns = sweepColumns(task);
  const train = columns.find((c) => c.key === 'trainError')!;
  const validation = columns.find((c) => c.key === 'valError')!;
  return groupRows(rows)
    .map((g) => ({
      label: g.label,
      value: Number(values[g.rows[0].valueIndex]),
      train: meanOf(g, train),
      validation: meanOf(g, validation),
    }))
    .filter((p): p is FittingPoint => p.train !== null && p.validation !== null && Number.isFinite(p.value))
    .sort((a, b) => a.value - b.value);
}

/** The fitting curve in words, from its numbers: the sweet spot, and where the smaller models underfit and the larger overfit. */
export function readFitting(points: readonly FittingPoint[], task: 'classification' | 'regression'): string[] {
  if (points.length < 3) return points.length > 0 ? ['The fitting curve is read from three model sizes or more.'] : [];
  const error = task === 'classification' ? 'error' : 'MSE';
  const sweet = points.reduce((a, b) => (b.validation < a.validation ? b : a));
  const smallest = points[0];
  const largest = points[points.length - 1];
  const sentences = [
    `The sweet spot is ${sweet.label}: validation ${error} ${fmt(sweet.validation)} (training ${error} ${fmt(sweet.train)}).`,
  ];
  // Underfitting: a small model fails even on the data it trains on.
  if (smallest !== sweet && smallest.train > sweet.train + 0.02)
    sentences.push(
      `At ${smallest.label} the model underfits: its training ${error} is ${fmt(smallest.train)}, so it cannot capture the pattern even in the data it learns from, and validation ${error} is ${fmt(smallest.validation)}.`,
    );
  // Overfitting: a large model fits the training data as well or better, and the validation data worse.
  if (largest !== sweet && largest.validation > sweet.validation) {
    if (largest.train <= sweet.train + 0.01 && largest.validation - largest.train > sweet.validation - sweet.train)
      sentences.push(
        `At ${largest.label} it overfits: training ${error} ${fmt(largest.train)} but validation ${error} ${fmt(largest.validation)}, a gap of ${fmt(largest.validation - largest.train)}.`,
      );
    else
      sentences.push(
        `At ${largest.label} validation ${error} rises to ${fmt(largest.validation)}, but training ${error} rises too (${fmt(largest.train)}): the larger model trained worse in this run's epochs, which is not overfitting; more epochs or another learning rate may let it fit.`,
      );
  }
  if (sweet === largest)
    sentences.push('The largest model tried is the best here: this range shows underfitting only; a larger model may do better still.');
  if (sweet === smallest) sentences.push('The smallest model tried is the best here: this range shows overfitting only; try smaller.');
  return sentences;
}

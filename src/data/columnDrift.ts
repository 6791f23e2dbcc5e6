// Concept drift on a table: the rows are ordered by a column the learner
// picks (a date, a year, an index; '#row': the file's order), the latest
// share of them is the world as it is now, and the rest as it was. A run
// trains and validates on the earlier rows; scored "on drifted data" it
// meets the later ones. The CSV's encodings and scaling are always fitted
// on the earlier rows' training split, as a deployed model's would be.
// Pure and seeded.
import type { Split, Task } from './dataset';
import type { Splitter } from './folds';

/** Order by the rows' place in the file. */
export const ROW_ORDER = '#row';

/**
 * Where a run stands: `before` trains and validates on the earlier rows;
 * `after` trains and validates on the later ones (retraining on the new
 * data, or scoring on it); `decay` trains on the earlier rows and
 * validates on all the later ones (the sweep's drift knob).
 */
export type DriftStage = 'before' | 'after' | 'decay';

const isBlank = (cell: string) => cell.trim() === '';

/** How a column's cells compare: as numbers when every filled one is, else as dates when every one parses, else as text. */
export function columnOrder(cells: readonly string[]): { order: Uint32Array; kind: 'number' | 'date' | 'text' } {
  const filled = cells.filter((c) => !isBlank(c));
  const numbers = filled.every((c) => Number.isFinite(Number(c)));
  const dates = !numbers && filled.every((c) => Number.isFinite(Date.parse(c)));
  const key = (c: string) => (numbers ? Number(c) : Date.parse(c));
  const indices = Array.from({ length: cells.length }, (_, i) => i);
  // A stable sort: ties keep the file's order; blank cells go last.
  indices.sort((a, b) => {
    const [x, y] = [cells[a], cells[b]];
    if (isBlank(x) || isBlank(y)) return Number(isBlank(x)) - Number(isBlank(y)) || a - b;
    if (numbers || dates) return key(x) - key(y) || a - b;
    return x.localeCompare(y) || a - b;
  });
  return { order: Uint32Array.from(indices), kind: numbers ? 'number' : dates ? 'date' : 'text' };
}

/** The earlier rows and the latest `share` of them, by `order`; each part keeps at least 2 rows. */
export function earlierAndLater(order: Uint32Array, share: number): { earlier: Uint32Array; later: Uint32Array } {
  const n = order.length;
  if (n < 4) throw new Error(`Drift by a column needs at least 4 rows, this data has ${n}.`);
  const later = Math.min(n - 2, Math.max(2, Math.round(n * share)));
  return { earlier: order.slice(0, n - later), later: order.slice(n - later) };
}

const pick = (indices: Uint32Array, from: Uint32Array) => Uint32Array.from(indices, (i) => from[i]);

/** `base` run over the rows `rows` only, its indices put back into the whole table's. */
function splitPart(base: Splitter, labels: ArrayLike<number>, task: Task, rows: Uint32Array): Split {
  const part = base(
    Array.from(rows, (i) => labels[i]),
    task,
  );
  return { train: pick(part.train, rows), validation: pick(part.validation, rows) };
}

/**
 * A splitter that drifts by column `column` of the rows kept (null: the
 * file's order), holding out the latest `share` of them.
 */
export function columnDriftSplitter(base: Splitter, column: number | null, share: number, stage: DriftStage): Splitter {
  return (labels, task, rows) => {
    const n = labels.length;
    if (column !== null && !rows) throw new Error('Drift by a column needs a table.');
    const order = column !== null ? columnOrder(rows!.map((row) => row[column])).order : Uint32Array.from({ length: n }, (_, i) => i);
    const { earlier, later } = earlierAndLater(order, share);
    const before = splitPart(base, labels, task, earlier);
    if (stage === 'before') return { ...before, heldOut: sorted(later) };
    if (stage === 'decay')
      return { train: before.train, validation: sorted(later), fitOn: before.train, heldOut: sorted(before.validation) };
    const after = splitPart(base, labels, task, later);
    return { ...after, fitOn: before.train, heldOut: sorted(earlier) };
  };
}

const sorted = (indices: Uint32Array) => indices.slice().sort();

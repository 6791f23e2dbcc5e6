/** Charts draw at most this many points however long the run (downsampled by bucket means). */
export const MAX_CHART_POINTS = 200;
/** Charts redraw at most four times a second, however fast the worker trains. */
export const CHART_REDRAW_MS = 250;

/** Chart height in CSS pixels: larger in classroom mode, for the back of the room. */
export const chartHeight = (classroom: boolean): number => (classroom ? 210 : 170);

/**
 * At most `max` points, evenly spaced, always with the first and the last:
 * a run of 30,000 epochs is thinned before its rows are built, so a redraw
 * costs the same at epoch 30,000 as at epoch 300.
 */
export function evenly<T>(points: readonly T[], max: number): readonly T[] {
  if (points.length <= max) return points;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round((i * (points.length - 1)) / (max - 1))]);
  return out;
}

// Props recharts compares by identity, made once: a new array or object on
// every render makes it recompute the whole chart (measured: half of the
// main-thread tasks over 50 ms during a fast run).
export const CHART_MARGIN = { top: 8, right: 16, bottom: 8, left: 0 };
export const DOMAIN_DATA: [string, string] = ['dataMin', 'dataMax'];
export const DOMAIN_EPOCHS: [number, string] = [1, 'dataMax'];
export const DOMAIN_UNIT: [number, number] = [0, 1];
export const DOMAIN_AUTO: [string, string] = ['auto', 'auto'];

/** Insight views ask the model again at most this often (a tiny net ends hundreds of epochs a second). */
export const INSIGHT_REFRESH_MS = 500;

/**
 * Before the first point, charts draw their axes over a nominal range (lines
 * have no values there): the page shows where the curves will appear, and
 * the first real redraw updates the axes instead of mounting them, which was
 * the longest main-thread task at the start of a run.
 */
export const EMPTY_EPOCH_ROWS: readonly object[] = [{ epoch: 1 }, { epoch: 10 }];
export const EMPTY_BATCH_ROWS: readonly object[] = [{ step: 0 }, { step: 100 }];

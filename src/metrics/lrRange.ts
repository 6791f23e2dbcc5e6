// The learning-rate range test (Smith 2015, as fastai's lr_find runs it):
// rates rising exponentially over a few hundred batches, the loss smoothed,
// and a suggested rate read from the curve. Pure.

/** Rates from `from` to `to`, exponentially spaced over `steps` steps. */
export function rangeRates(from: number, to: number, steps: number): number[] {
  return Array.from({ length: steps }, (_, k) => from * (to / from) ** (k / Math.max(1, steps - 1)));
}

export interface RangePoint {
  rate: number;
  loss: number;
  /** The loss smoothed (exponential moving average, bias-corrected), which the suggestion reads. */
  smoothed: number;
}

/** Smooths losses as they come; `diverged` once the smoothed loss passes four times its lowest (or is not finite). */
export class RangeSmoother {
  private average = 0;
  private count = 0;
  private lowest = Number.POSITIVE_INFINITY;
  constructor(private readonly beta = 0.98) {}

  add(loss: number): { smoothed: number; diverged: boolean } {
    this.count++;
    this.average = this.beta * this.average + (1 - this.beta) * loss;
    const smoothed = this.average / (1 - this.beta ** this.count);
    this.lowest = Math.min(this.lowest, smoothed);
    return { smoothed, diverged: !Number.isFinite(smoothed) || (this.count > 10 && smoothed > 4 * this.lowest) };
  }
}

/**
 * The suggested rate: a tenth of the rate at the lowest smoothed loss (past
 * that point the loss is about to blow up; a tenth of it still learns fast).
 * Null when the curve never fell below where it started.
 */
export function suggestRate(points: readonly RangePoint[]): number | null {
  if (points.length < 5) return null;
  const lowest = points.reduce((a, b) => (b.smoothed < a.smoothed ? b : a));
  if (!(lowest.smoothed < points[0].smoothed)) return null;
  return Number((lowest.rate / 10).toPrecision(2));
}

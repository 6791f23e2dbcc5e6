// How often the worker redraws the views a run feeds while it trains (the
// decision boundary, the network picture): about once a frame when drawing
// is cheap, less often when it costs, so drawing takes at most a share of
// training time; but never less often than `maxMs`. On a loaded machine a
// draw's measured cost grows with everything else, and without the ceiling
// the view stopped following the run (epochs advanced while the drawn
// epoch stayed at 1).

export interface RedrawRule {
  /** At most once per this many ms (a frame). */
  minMs: number;
  /** Drawing takes at most this share of the time while it is cheap enough. */
  share: number;
  /** At least once per this many ms, whatever a draw costs. */
  maxMs: number;
}

export const BOUNDARY_REDRAW: RedrawRule = { minMs: 16, share: 0.15, maxMs: 750 };
export const PICTURE_REDRAW: RedrawRule = { minMs: 33, share: 0.1, maxMs: 1000 };

/** Milliseconds to wait after a draw that took `costMs` before the next one. */
export function redrawInterval(rule: RedrawRule, costMs: number): number {
  return Math.min(rule.maxMs, Math.max(rule.minMs, costMs / rule.share));
}

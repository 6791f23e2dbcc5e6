// The views a run feeds keep up whatever the load: a draw that costs more
// (a loaded machine) spaces the next one out, but never past the ceiling.
import { describe, expect, it } from 'vitest';
import { BOUNDARY_REDRAW, PICTURE_REDRAW, redrawInterval } from '../../src/train/run/redraw';

describe('redraw intervals', () => {
  it('are about a frame when drawing is cheap, and give drawing a share of the time when it costs', () => {
    expect(redrawInterval(BOUNDARY_REDRAW, 0.5)).toBe(16);
    expect(redrawInterval(BOUNDARY_REDRAW, 30)).toBeCloseTo(200);
  });

  it('never let a view fall further behind than the ceiling, however slow a draw (CPU backend under load: 500 ms)', () => {
    expect(redrawInterval(BOUNDARY_REDRAW, 500)).toBe(750);
    expect(redrawInterval(PICTURE_REDRAW, 5_000)).toBe(1000);
  });
});

/** Charts draw at most this many points however long the run (downsampled by bucket means). */
export const MAX_CHART_POINTS = 200;
/** Charts redraw at most four times a second, however fast the worker trains. */
export const CHART_REDRAW_MS = 250;

/** Chart height in CSS pixels: larger in classroom mode, for the back of the room. */
export const chartHeight = (classroom: boolean): number => (classroom ? 340 : 240);

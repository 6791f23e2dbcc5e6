// The visual language, in one place (README: "Visual language"). Every view
// that shows classes, signs or splits takes its colours from here.

/** The two classes of the 2-D sets, and a value's sign: blue is class 0 / negative, orange is class 1 / positive (TensorFlow Playground's pair). */
export const BLUE: readonly [number, number, number] = [28, 126, 214];
export const ORANGE: readonly [number, number, number] = [240, 140, 0];
export const rgb = ([r, g, b]: readonly number[], alpha = 1) => (alpha === 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`);

/** Training is solid and cool; validation is dashed and warm. The batch chart's loss is warm, its accuracy cool. */
export const LOSS_COLOR = '#d9480f';
export const ACCURACY_COLOR = '#1c7ed6';
export const TRAIN_COLORS = ['#1c7ed6', '#2f9e44', '#ae3ec9'];
export const VALIDATION_COLORS = ['#e8590c', '#c2255c', '#f08c00'];

/**
 * A diverging palette for signed values scaled to bytes (0 = most negative,
 * 128 = zero, 255 = most positive): blue through white to orange, as one
 * 32-bit RGBA word per level.
 */
export const DIVERGING = (() => {
  const bytes = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) {
    const t = (v - 128) / 127;
    const end = t < 0 ? BLUE : ORANGE;
    const s = Math.min(1, Math.abs(t));
    bytes.set([0, 1, 2].map((k) => Math.round(255 + (end[k] - 255) * s)), v * 4);
    bytes[v * 4 + 3] = 255;
  }
  return new Uint32Array(bytes.buffer);
})();

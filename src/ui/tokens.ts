// The visual language's handles in code. The values live in tokens.css (CSS
// custom properties): CSS and the charts' SVG use them as var(--name), and
// canvases, which cannot read var(), read their computed values here, where
// they draw. One file of values serves all three.

/** Names of the colour tokens in tokens.css (without the leading --). */
export type Token =
  | 'ink'
  | 'ink-muted'
  | 'paper'
  | 'class-0'
  | 'class-1'
  | 'loss'
  | 'accuracy'
  | `train-${1 | 2 | 3}`
  | `validation-${1 | 2 | 3}`
  | 'marker'
  | 'gap'
  | 'reference'
  | 'before'
  | 'edge-unknown'
  | 'edge-pass'
  | 'node-tall'
  | 'node'
  | 'node-line'
  | 'frozen-line';

/** A token as a CSS value, for styles and SVG attributes (recharts' strokes). */
export const cssVar = (name: Token) => `var(--${name})`;

/** Training is solid and cool; validation is dashed and warm. The batch chart's loss is warm, its accuracy cool. */
export const LOSS_COLOR = cssVar('loss');
export const ACCURACY_COLOR = cssVar('accuracy');
export const TRAIN_COLORS = [cssVar('train-1'), cssVar('train-2'), cssVar('train-3')];
export const VALIDATION_COLORS = [cssVar('validation-1'), cssVar('validation-2'), cssVar('validation-3')];

/** The root element's computed style, asked for once: the declaration is live, so it follows any change to the tokens. */
let rootStyle: CSSStyleDeclaration | null = null;

/** A token's computed value (e.g. "#1c7ed6"), for a canvas; read from the page's root element. */
export function tokenColor(name: Token): string {
  if (typeof document === 'undefined') return '';
  rootStyle ??= getComputedStyle(document.documentElement);
  return rootStyle.getPropertyValue(`--${name}`).trim();
}

export type Rgb = readonly [number, number, number];

/** "#rrggbb", "#rgb" or "rgb(r, g, b)" as numbers; black for anything else. */
export function parseColor(text: string): Rgb {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as unknown as Rgb;
  }
  const rgb = /^rgba?\((\d+)[ ,]+(\d+)[ ,]+(\d+)/.exec(text);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : [0, 0, 0];
}

export const rgb = ([r, g, b]: Rgb, alpha = 1) => (alpha === 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`);

/** The two classes of the 2-D sets, and a value's sign: blue is class 0 / negative, orange is class 1 / positive. */
export function classColors(): { blue: Rgb; orange: Rgb } {
  return { blue: parseColor(tokenColor('class-0')), orange: parseColor(tokenColor('class-1')) };
}

/**
 * A table built from the class colours, built again only when they change
 * (a palette of 256 RGBA words, say): `build` runs once per pair of colours.
 */
export function fromClassColors<T>(build: (blue: Rgb, orange: Rgb) => T): () => T {
  let key = '';
  let value: T | null = null;
  return () => {
    const { blue, orange } = classColors();
    const next = `${blue}|${orange}`;
    if (value === null || next !== key) {
      key = next;
      value = build(blue, orange);
    }
    return value;
  };
}

/**
 * A diverging palette for signed values scaled to bytes (0 = most negative,
 * 128 = zero, 255 = most positive): blue through white to orange, as one
 * 32-bit RGBA word per level.
 */
export const diverging = fromClassColors((blue, orange) => {
  const bytes = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) {
    const t = (v - 128) / 127;
    const end = t < 0 ? blue : orange;
    const s = Math.min(1, Math.abs(t));
    bytes.set(
      [0, 1, 2].map((k) => Math.round(255 + (end[k] - 255) * s)),
      v * 4,
    );
    bytes[v * 4 + 3] = 255;
  }
  return new Uint32Array(bytes.buffer);
});

// Input features of the 2-D sets, as TensorFlow Playground offers them: the
// coordinates, their squares, their product and their sines. Computed on
// TensorFlow Playground's scale (the plane's [-1, 1] shown as [-6, 6]), so
// its recipes carry over: with x₁², x₂² and the sines, a small tanh net
// learns the spiral. Pure and exact (float32 like the rest of the data).

export const FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
export type FeatureName = (typeof FEATURES)[number];

export const FEATURE_LABELS: Record<FeatureName, string> = {
  x1: 'x₁',
  x2: 'x₂',
  x1sq: 'x₁²',
  x2sq: 'x₂²',
  x1x2: 'x₁x₂',
  sinx1: 'sin x₁',
  sinx2: 'sin x₂',
};

/** TensorFlow Playground's default: the two coordinates. */
export const DEFAULT_FEATURES: readonly FeatureName[] = ['x1', 'x2'];
/** What the spiral needs with a small net. */
export const SPIRAL_FEATURES: readonly FeatureName[] = FEATURES;

/** The plane's unit in TensorFlow Playground's coordinates. */
export const PLAYGROUND_SCALE = 6;

/** One feature of the point (a, b) given in plane units. */
export function featureValue(name: FeatureName, a: number, b: number): number {
  const u = a * PLAYGROUND_SCALE;
  const v = b * PLAYGROUND_SCALE;
  switch (name) {
    case 'x1':
      return u;
    case 'x2':
      return v;
    case 'x1sq':
      return u * u;
    case 'x2sq':
      return v * v;
    case 'x1x2':
      return u * v;
    case 'sinx1':
      return Math.sin(u);
    case 'sinx2':
      return Math.sin(v);
  }
}

/** Features in a fixed order (the order of FEATURES), without repeats. */
export function orderedFeatures(names: readonly FeatureName[]): FeatureName[] {
  return FEATURES.filter((name) => names.includes(name));
}

/** Points `[count, 2]` in plane units to model inputs `[count, features.length]`. */
export function toFeatures(points: ArrayLike<number>, count: number, features: readonly FeatureName[]): Float32Array {
  const width = features.length;
  const out = new Float32Array(count * width);
  for (let i = 0; i < count; i++) {
    const a = points[2 * i];
    const b = points[2 * i + 1];
    for (let f = 0; f < width; f++) out[i * width + f] = featureValue(features[f], a, b);
  }
  return out;
}

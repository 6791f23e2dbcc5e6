// Seeded 2-D data sets in the manner of TensorFlow Playground: four for
// classification (two classes) and two smooth surfaces for regression.
// Points lie in [-1, 1]²; noise is Gaussian, in the same units.
import { createRng, deriveSeed, type Rng } from '../lib/rng';
import type { Dataset } from './dataset';

export const SYNTHETIC_SHAPES = ['circle', 'xor', 'gaussian', 'spiral', 'plane', 'hills'] as const;
export type SyntheticShape = (typeof SYNTHETIC_SHAPES)[number];

export const SYNTHETIC_LABELS: Record<SyntheticShape, string> = {
  circle: 'Circle (classification)',
  xor: 'XOR (classification)',
  gaussian: 'Two Gaussians (classification)',
  spiral: 'Spiral (classification)',
  plane: 'Tilted plane (regression)',
  hills: 'Sine hills (regression)',
};

export function isRegressionShape(shape: SyntheticShape): boolean {
  return shape === 'plane' || shape === 'hills';
}

export interface SyntheticOptions {
  shape: SyntheticShape;
  count: number;
  /** Standard deviation of the noise added to each coordinate (and to regression targets). */
  noise: number;
  seed: number;
}

/** A standard normal draw (Box-Muller). */
function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

const uniform = (rng: Rng) => rng.next() * 2 - 1;

/** One clean point and its label or target. */
function draw(shape: SyntheticShape, i: number, count: number, rng: Rng): [number, number, number] {
  switch (shape) {
    case 'circle': {
      // Half the points inside radius 0.5 (class 1), half in a ring 0.7-1 (class 0).
      const inside = i % 2 === 1;
      const radius = inside ? rng.next() * 0.5 : 0.7 + rng.next() * 0.3;
      const angle = rng.next() * 2 * Math.PI;
      return [radius * Math.cos(angle), radius * Math.sin(angle), inside ? 1 : 0];
    }
    case 'xor': {
      const pad = 0.06;
      let x = uniform(rng);
      let y = uniform(rng);
      x += x > 0 ? pad : -pad;
      y += y > 0 ? pad : -pad;
      return [x / (1 + pad), y / (1 + pad), x * y > 0 ? 1 : 0];
    }
    case 'gaussian': {
      const positive = i % 2 === 1;
      const centre = positive ? 0.45 : -0.45;
      return [centre + 0.2 * gaussian(rng), centre + 0.2 * gaussian(rng), positive ? 1 : 0];
    }
    case 'spiral': {
      const arm = i % 2;
      const t = (Math.floor(i / 2) / Math.max(Math.ceil(count / 2), 1)) * 1.75 * 2 * Math.PI;
      const radius = t / (1.75 * 2 * Math.PI);
      const angle = t + arm * Math.PI;
      return [radius * Math.sin(angle), radius * Math.cos(angle), arm];
    }
    case 'plane': {
      const x = uniform(rng);
      const y = uniform(rng);
      return [x, y, 2 * x - y];
    }
    case 'hills': {
      const x = uniform(rng);
      const y = uniform(rng);
      return [x, y, Math.sin(Math.PI * x) * Math.cos(Math.PI * y)];
    }
  }
}

/** The same options always give the same points. */
export function generateSynthetic({ shape, count, noise, seed }: SyntheticOptions): Dataset {
  const rng = createRng(deriveSeed(seed, `synthetic-${shape}`));
  const regression = isRegressionShape(shape);
  const x = new Float32Array(count * 2);
  const y = regression ? new Float32Array(count) : new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const [px, py, value] = draw(shape, i, count, rng);
    x[2 * i] = px + noise * gaussian(rng);
    x[2 * i + 1] = py + noise * gaussian(rng);
    y[i] = regression ? value + noise * gaussian(rng) : value;
  }
  return {
    name: SYNTHETIC_LABELS[shape],
    task: regression ? 'regression' : 'classification',
    x,
    y,
    count,
    sampleShape: [2],
    classes: regression ? [] : ['blue', 'orange'],
  };
}

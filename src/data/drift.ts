// Concept drift on the 2-D sets: the world moves under a trained model. The
// points of a synthetic set are rotated about the centre, shifted, or a
// share of them is replaced by a new cluster of the first class where there
// was none, by an amount from 0 (no change) to 1. Exact and seeded. Pure.
import { createRng, deriveSeed, shuffleInPlace } from '../lib/rng';
import type { Dataset } from './dataset';

export const DRIFTS = ['rotate', 'shift', 'cluster'] as const;
export type DriftKind = (typeof DRIFTS)[number];

export const DRIFT_LABELS: Record<DriftKind, string> = {
  rotate: 'Rotate (up to 90°)',
  shift: 'Shift (up to half the plane, up and right)',
  cluster: 'A new cluster (up to half the points)',
};

/** Amount 1: a quarter turn; half the plane's width right and up; half the points in the new cluster. */
export const DRIFT_FULL = { angle: Math.PI / 2, shift: 0.5, share: 0.5 } as const;
/** Where the new cluster appears (the plane runs from -1 to 1), and its spread. */
export const NEW_CLUSTER = { x: 0.55, y: -0.55, spread: 0.12 } as const;

/** The dataset with its plane points (x: [count, 2]) drifted; a copy, the original untouched. */
export function drifted(dataset: Dataset, kind: DriftKind, amount: number, seed: number): Dataset {
  const xy = Float32Array.from(dataset.x);
  const y = dataset.y.slice();
  const a = Math.min(1, Math.max(0, amount));
  if (kind === 'rotate') {
    const angle = a * DRIFT_FULL.angle;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    for (let i = 0; i < dataset.count; i++) {
      const px = xy[2 * i];
      const py = xy[2 * i + 1];
      xy[2 * i] = px * cos - py * sin;
      xy[2 * i + 1] = px * sin + py * cos;
    }
  } else if (kind === 'shift') {
    for (let i = 0; i < 2 * dataset.count; i++) xy[i] += a * DRIFT_FULL.shift;
  } else {
    // A seeded share of the points moves into the new cluster, as class 0.
    const rng = createRng(deriveSeed(seed, 'drift-cluster'));
    const moved = Math.round(dataset.count * a * DRIFT_FULL.share);
    const order = shuffleInPlace(
      Array.from({ length: dataset.count }, (_, i) => i),
      rng,
    );
    for (const i of order.slice(0, moved)) {
      const angle = rng.next() * 2 * Math.PI;
      const radius = NEW_CLUSTER.spread * Math.sqrt(rng.next());
      xy[2 * i] = NEW_CLUSTER.x + radius * Math.cos(angle);
      xy[2 * i + 1] = NEW_CLUSTER.y + radius * Math.sin(angle);
      if (dataset.task === 'classification') y[i] = 0;
    }
  }
  return { ...dataset, x: xy, y };
}

/** Two sets of the same kind as one: `a`'s samples, then `b`'s (the sweep's drift knob validates on `b`'s). */
export function concatPoints(a: Dataset, b: Dataset): Dataset {
  const x = new Float32Array(a.x.length + b.x.length);
  x.set(a.x);
  x.set(b.x, a.x.length);
  const y = new (a.y.constructor as new (length: number) => Dataset['y'])(a.count + b.count);
  y.set(a.y);
  y.set(b.y, a.count);
  return { ...a, x, y, count: a.count + b.count };
}

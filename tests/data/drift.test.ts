import { describe, expect, it } from 'vitest';
import { drifted, NEW_CLUSTER } from '../../src/data/drift';
import type { Dataset } from '../../src/data/dataset';

const points = (xy: number[], y: number[]): Dataset => ({
  name: 't',
  task: 'classification',
  x: Float32Array.from(xy),
  y: Uint8Array.from(y),
  count: y.length,
  sampleShape: [2],
  classes: ['blue', 'orange'],
});

describe('concept drift', () => {
  it('rotates about the centre: a full amount is a quarter turn, half of it an eighth', () => {
    const data = points([1, 0, 0, 0.5, -0.5, -0.5], [0, 1, 1]);
    const quarter = [...drifted(data, 'rotate', 1, 1).x];
    [0, 1, -0.5, 0, 0.5, -0.5].forEach((v, i) => expect(quarter[i]).toBeCloseTo(v, 6));
    const eighth = [...drifted(data, 'rotate', 0.5, 1).x];
    expect(eighth[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(eighth[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect([...drifted(data, 'rotate', 0, 1).x]).toEqual([...data.x]);
    // Labels stay; the original stays.
    expect([...drifted(data, 'rotate', 1, 1).y]).toEqual([0, 1, 1]);
    expect([...data.x]).toEqual([1, 0, 0, 0.5, -0.5, -0.5]);
  });

  it('shifts every point up and right by half the plane at most', () => {
    const data = points([0, 0, -1, 0.25], [0, 1]);
    expect([...drifted(data, 'shift', 1, 1).x]).toEqual([0.5, 0.5, -0.5, 0.75]);
    expect([...drifted(data, 'shift', 0.4, 1).x].map((v) => Number(v.toFixed(6)))).toEqual([0.2, 0.2, -0.8, 0.45]);
  });

  it('moves a seeded share of the points into a new cluster of class 0', () => {
    const n = 200;
    const data = points(
      Array.from({ length: 2 * n }, (_, i) => (i % 2 ? -0.9 : 0.9)),
      Array.from({ length: n }, () => 1),
    );
    const out = drifted(data, 'cluster', 0.5, 7);
    const moved = Array.from({ length: n }, (_, i) => i).filter(
      (i) => out.x[2 * i] !== Math.fround(0.9) || out.x[2 * i + 1] !== Math.fround(-0.9),
    );
    expect(moved).toHaveLength(50); // 200 × 0.5 × 0.5
    for (const i of moved) {
      expect(Math.hypot(out.x[2 * i] - NEW_CLUSTER.x, out.x[2 * i + 1] - NEW_CLUSTER.y)).toBeLessThanOrEqual(NEW_CLUSTER.spread + 1e-6);
      expect(out.y[i]).toBe(0);
    }
    expect([...drifted(data, 'cluster', 0.5, 7).x]).toEqual([...out.x]);
    expect([...drifted(data, 'cluster', 0.5, 8).x]).not.toEqual([...out.x]);
  });
});

import { describe, expect, it } from 'vitest';
import { SYNTHETIC_SHAPES, generateSynthetic, isRegressionShape } from '../../src/data/synthetic';

describe('synthetic 2-D sets', () => {
  it.each(SYNTHETIC_SHAPES)('%s is the same for the same seed, and differs for another', (shape) => {
    const a = generateSynthetic({ shape, count: 200, noise: 0.1, seed: 5 });
    const b = generateSynthetic({ shape, count: 200, noise: 0.1, seed: 5 });
    const c = generateSynthetic({ shape, count: 200, noise: 0.1, seed: 6 });
    expect(b.x).toEqual(a.x);
    expect(b.y).toEqual(a.y);
    expect(c.x).not.toEqual(a.x);
    expect(a.sampleShape).toEqual([2]);
    expect(a.task).toBe(isRegressionShape(shape) ? 'regression' : 'classification');
    for (const v of a.x) expect(Math.abs(v)).toBeLessThan(2);
  });

  it('balances the two classes and puts the circle inside the ring', () => {
    const circle = generateSynthetic({ shape: 'circle', count: 400, noise: 0, seed: 1 });
    let inside = 0;
    for (let i = 0; i < circle.count; i++) {
      const r = Math.hypot(circle.x[2 * i], circle.x[2 * i + 1]);
      if (circle.y[i] === 1) {
        inside++;
        expect(r).toBeLessThanOrEqual(0.5);
      } else expect(r).toBeGreaterThanOrEqual(0.7);
    }
    expect(inside).toBe(200);
  });

  it('labels XOR by the sign of x times y, and adds noise to regression targets', () => {
    const xor = generateSynthetic({ shape: 'xor', count: 100, noise: 0, seed: 2 });
    for (let i = 0; i < xor.count; i++) expect(xor.y[i]).toBe(xor.x[2 * i] * xor.x[2 * i + 1] > 0 ? 1 : 0);
    const clean = generateSynthetic({ shape: 'plane', count: 50, noise: 0, seed: 3 });
    for (let i = 0; i < clean.count; i++) expect(clean.y[i]).toBeCloseTo(2 * clean.x[2 * i] - clean.x[2 * i + 1], 5);
  });
});

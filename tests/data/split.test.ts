import { describe, expect, it } from 'vitest';
import { capSplit, stratifiedSplit } from '../../src/data/split';

/** 10,000 labels with uneven classes, like the MNIST sample. */
const labels = Uint8Array.from({ length: 10_000 }, (_, i) => (i % 17 < 10 ? i % 17 : (i * 7) % 10));

describe('stratifiedSplit', () => {
  it('gives 8,000 / 2,000 with each class split 80 / 20', () => {
    const split = stratifiedSplit(labels, 0.2, 42);
    expect(split.train.length).toBe(8_000);
    expect(split.validation.length).toBe(2_000);
    const count = (indices: Uint32Array, c: number) => [...indices].filter((i) => labels[i] === c).length;
    for (let c = 0; c < 10; c++) {
      const total = [...labels].filter((l) => l === c).length;
      expect(Math.abs(count(split.validation, c) - total * 0.2)).toBeLessThanOrEqual(1);
    }
  });

  it('is a partition: every sample exactly once', () => {
    const split = stratifiedSplit(labels, 0.2, 1);
    const all = [...split.train, ...split.validation].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it('is the same for the same seed and differs for another', () => {
    const a = stratifiedSplit(labels, 0.2, 7);
    const b = stratifiedSplit(labels, 0.2, 7);
    const c = stratifiedSplit(labels, 0.2, 8);
    expect([...a.validation]).toEqual([...b.validation]);
    expect([...a.validation]).not.toEqual([...c.validation]);
  });

  it('caps for tests without changing the order', () => {
    const split = stratifiedSplit(labels, 0.2, 7);
    const capped = capSplit(split, 100, 10);
    expect([...capped.train]).toEqual([...split.train.slice(0, 100)]);
    expect(capped.validation.length).toBe(10);
    expect(capSplit(split).train.length).toBe(8_000);
  });
});

import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset';
import { stratifiedSplit } from '../../src/data/split';
import { applyOverfittingKnobs, stratifiedSubset, withLabelNoise } from '../../src/data/subset';

/** 1,000 samples: 600 of class 0, 300 of class 1, 100 of class 2. */
function dataset(): Dataset {
  const y = new Uint8Array(1000).map((_, i) => (i < 600 ? 0 : i < 900 ? 1 : 2));
  return { name: 't', task: 'classification', x: new Float32Array(1000), y, count: 1000, sampleShape: [1], classes: ['a', 'b', 'c'] };
}

const count = (labels: ArrayLike<number>, indices: Iterable<number>, label: number) =>
  [...indices].filter((i) => labels[i] === label).length;

describe('training subset', () => {
  it('keeps the same share of every class, and at least one of each', () => {
    const d = dataset();
    const split = stratifiedSplit(d.y, 0.2, 1);
    const subset = stratifiedSubset(d.y, split.train, 0.1, 7);
    expect(subset.length).toBe(80);
    expect([0, 1, 2].map((c) => count(d.y, subset, c))).toEqual([48, 24, 8]);
    expect(new Set(subset).size).toBe(subset.length);
    for (const i of subset) expect(split.train).toContain(i);
    const handful = stratifiedSubset(d.y, split.train, 0.001, 7);
    expect([0, 1, 2].map((c) => count(d.y, handful, c))).toEqual([1, 1, 1]);
  });

  it('is the same for the same seed and differs for another', () => {
    const d = dataset();
    const split = stratifiedSplit(d.y, 0.2, 1);
    expect(stratifiedSubset(d.y, split.train, 0.3, 5)).toEqual(stratifiedSubset(d.y, split.train, 0.3, 5));
    expect(stratifiedSubset(d.y, split.train, 0.3, 6)).not.toEqual(stratifiedSubset(d.y, split.train, 0.3, 5));
  });
});

describe('label noise', () => {
  it('flips exactly that share of training labels to another class, and never a validation label', () => {
    const d = dataset();
    const split = stratifiedSplit(d.y, 0.2, 1);
    const { dataset: noisy, flipped } = withLabelNoise(d, split.train, 0.25, 3);
    expect(flipped).toBe(200);
    const changed = [...split.train].filter((i) => noisy.y[i] !== d.y[i]);
    expect(changed).toHaveLength(200);
    for (const i of split.validation) expect(noisy.y[i]).toBe(d.y[i]);
    for (const i of changed) expect(noisy.y[i]).toBeLessThan(3);
    // The original is left alone.
    expect(d.y[0]).toBe(0);
  });

  it('does nothing at 0 % or for regression, and composes with the subset', () => {
    const d = dataset();
    const split = stratifiedSplit(d.y, 0.2, 1);
    expect(withLabelNoise(d, split.train, 0, 3).dataset).toBe(d);
    expect(withLabelNoise({ ...d, task: 'regression' }, split.train, 0.5, 3).flipped).toBe(0);
    const knobs = applyOverfittingKnobs(d, split, 0.1, 0.5, 3);
    expect(knobs.split.train).toHaveLength(80);
    expect(knobs.flipped).toBe(40);
    expect(knobs.split.validation).toBe(split.validation);
  });
});

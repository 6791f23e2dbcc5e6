// The random forest beside the network: it learns a small table, reports
// progress, is seeded, scores like the page, and refuses images.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset';
import { generateSynthetic } from '../../src/data/synthetic';
import { stratifiedSplit, randomSplit } from '../../src/data/split';
import { trainForest } from '../../src/train/insight/forest';

describe('random forest', () => {
  it('learns XOR on the same split the network gets, with progress, seeded', async () => {
    const dataset = generateSynthetic({ shape: 'xor', count: 300, noise: 0, seed: 3 });
    const split = stratifiedSplit(dataset.y, 0.2, 3);
    const progress: number[] = [];
    const result = await trainForest(dataset, split, 7, 30, (f) => progress.push(f));
    expect(progress).toEqual([1 / 3, 2 / 3, 1]);
    expect(result.validation.accuracy).toBeGreaterThan(0.9);
    expect(result.validation.f1).toBeGreaterThan(0.9);
    expect(result.train.accuracy).toBeGreaterThanOrEqual(result.validation.accuracy!);
    expect(Number.isFinite(result.validation.loss)).toBe(true);
    const again = await trainForest(dataset, split, 7, 30, () => undefined);
    expect(again.validation).toEqual(result.validation);
  });

  it('regresses a plane, and refuses images', async () => {
    const dataset = generateSynthetic({ shape: 'plane', count: 300, noise: 0, seed: 3 });
    const result = await trainForest(dataset, randomSplit(300, 0.2, 3), 7, 20, () => undefined);
    expect(result.validation.r2).toBeGreaterThan(0.8);
    const image: Dataset = {
      name: 'img',
      task: 'classification',
      x: new Uint8Array(8),
      y: new Uint8Array(2),
      count: 2,
      sampleShape: [2, 2, 1],
      classes: ['a', 'b'],
    };
    await expect(
      trainForest(image, { train: Uint32Array.from([0]), validation: Uint32Array.from([1]) }, 1, 10, () => undefined),
    ).rejects.toThrow('not on images');
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  balancedClassWeights,
  classCounts,
  classKnobsRefusal,
  classWeightCells,
  imbalancedIndices,
  majorityBaseline,
  parseClassWeights,
  startingClassWeights,
  type ImbalanceSettings,
} from '../../src/data/imbalance';
import { buildModel } from '../../src/model/build';
import { classWeightsFor } from '../../src/train/engines/build';
import { headFor } from '../../src/train/engines/heads';
import { createOptimizer } from '../../src/train/engines/optimizers';
import { TfjsEngine } from '../../src/train/engines/tfjsEngine';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// 3 classes, 100 samples each, interleaved.
const labels = Uint8Array.from({ length: 300 }, (_, i) => i % 3);
const all = Uint32Array.from({ length: 300 }, (_, i) => i);
const knob = (mode: ImbalanceSettings['mode'], classIndex: number, share: number): ImbalanceSettings => ({
  mode,
  classIndex,
  share,
  validation: false,
});

describe('class imbalance', () => {
  it('keeps a seeded share of one class and every other sample, in order', () => {
    const kept = imbalancedIndices(labels, all, knob('one', 2, 0.05), 42);
    expect(classCounts(labels, kept, 3)).toEqual([100, 100, 5]);
    expect([...kept]).toEqual([...kept].sort((a, b) => a - b));
    expect(new Set(kept).size).toBe(kept.length);
    for (const i of kept) expect(all.includes(i)).toBe(true);
    expect([...imbalancedIndices(labels, all, knob('one', 2, 0.05), 42)]).toEqual([...kept]);
    expect([...imbalancedIndices(labels, all, knob('one', 2, 0.05), 7)]).not.toEqual([...kept]);
  });

  it('keeps one class whole and a share of all the others, at least one each', () => {
    expect(classCounts(labels, imbalancedIndices(labels, all, knob('all-but-one', 0, 0.1), 1), 3)).toEqual([100, 10, 10]);
    expect(classCounts(labels, imbalancedIndices(labels, all, knob('all-but-one', 0, 0.001), 1), 3)).toEqual([100, 1, 1]);
    expect(imbalancedIndices(labels, all, knob('off', 0, 0.1), 1)).toBe(all);
    expect(imbalancedIndices(labels, all, knob('one', 0, 1), 1)).toBe(all);
  });

  it('weighs classes as scikit-learn and Keras balance them, and names the majority baseline', () => {
    // n / (classes * n_c): 205 / (3 * 100), 205 / (3 * 100), 205 / (3 * 5).
    const weights = balancedClassWeights([100, 100, 5]);
    expect(weights[0]).toBeCloseTo(205 / 300, 12);
    expect(weights[2]).toBeCloseTo(205 / 15, 12);
    expect(balancedClassWeights([4, 0, 4])).toEqual([1, 1, 1]);
    expect(majorityBaseline([100, 100, 5])).toEqual({ classIndex: 0, accuracy: 100 / 205 });
    expect(majorityBaseline([5, 95])).toEqual({ classIndex: 1, accuracy: 0.95 });
  });

  it('reads weights set by hand, one per class, and says what is wrong with a list that does not fit', () => {
    const classes = ['a', 'b', 'c'];
    expect(parseClassWeights('1, 2.5, 0.5', classes)).toEqual([1, 2.5, 0.5]);
    expect(parseClassWeights(' 1 2.5 .5 ', classes)).toEqual([1, 2.5, 0.5]);
    expect(parseClassWeights('0, 0, 1e2', classes)).toEqual([0, 0, 100]);
    expect(parseClassWeights('1, 2', classes)).toBe(
      'Class weights by hand need one number per class, in class order (a, b, c): 3 numbers, not 2.',
    );
    expect(parseClassWeights('1, , 2', classes)).toBe('The class weight of b must be a number from 0 to 1000, not “”.');
    expect(parseClassWeights('1, -2, 2', classes)).toBe('The class weight of b must be a number from 0 to 1000, not “-2”.');
    expect(parseClassWeights('1, 2, 5000', classes)).toBe('The class weight of c must be a number from 0 to 1000, not “5000”.');
    expect(parseClassWeights('1, 2, Infinity', classes)).toMatch(/of c must be a number/);
    expect(parseClassWeights('0x1, 2, 3', classes)).toMatch(/of a must be a number/);
    expect(parseClassWeights('0, 0, 0', classes)).toBe('Class weights by hand cannot all be 0: nothing would be learned.');
    expect(parseClassWeights('', classes)).toMatch(/3 numbers, not 0/);
    expect(classWeightCells('1, , 2')).toEqual(['1', '', '2']);
    expect(startingClassWeights(3, [100, 100, 5])).toBe('0.683, 0.683, 13.7');
    expect(startingClassWeights(3, undefined)).toBe('1, 1, 1');
    expect(startingClassWeights(3, [1, 2])).toBe('1, 1, 1');
  });

  for (const weighting of ['balanced', 'hand'] as const) {
    it(`trains on the loss Keras computes with class_weight (${weighting}): each sample times its class weight, over the batch`, async () => {
      const dataset = {
        name: 't',
        task: 'classification' as const,
        x: Float32Array.from({ length: 12 }, (_, i) => Math.sin(i * 1.7)),
        y: Uint8Array.from([0, 1, 2, 0, 0, 2]),
        count: 6,
        sampleShape: [2],
        classes: ['a', 'b', 'c'],
      };
      const train = Uint32Array.from([0, 1, 2, 3, 4, 5]);
      const weights = classWeightsFor({ classWeights: weighting, classWeightValues: '1, 2.5, 0.5' }, dataset, train)!;
      expect([...weights].map((w) => Number(w.toFixed(6)))).toEqual(weighting === 'balanced' ? [0.666667, 2, 1] : [1, 2.5, 0.5]);
      expect(classWeightsFor({ classWeights: 'off' }, dataset, train)).toBeUndefined();
      const model = buildModel([], [2], { units: 3, activation: 'softmax' }, 3);
      const probabilities = (model.predict(tf.tensor2d(dataset.x, [6, 2])) as tf.Tensor).arraySync() as number[][];
      const hand = probabilities.reduce((sum, p, i) => sum - weights[dataset.y[i]] * Math.log(p[dataset.y[i]]), 0) / 6;
      const engine = new TfjsEngine({
        model,
        optimizer: createOptimizer('sgd', 0.1, { momentum: 0, beta1: 0.9, beta2: 0.999, rho: 0.9, epsilon: 1e-7, initialAccumulator: 0.1 }),
        dataset,
        head: headFor(dataset, train),
        seed: 1,
        weightDecay: 0,
        classWeights: weights,
      });
      const { loss } = await engine.trainStep({ values: dataset.x, labels: Float32Array.from(dataset.y), count: 6 }, 1);
      expect(loss).toBeCloseTo(hand, 5);
      model.dispose();
    });
  }

  it('says before a run why the class knobs cannot apply to the data, or nothing when they can', () => {
    const knobs = { imbalance: 'off' as const, imbalanceClass: 0, classWeights: 'off', classWeightValues: '' };
    const two = ['blue', 'orange'];
    expect(classKnobsRefusal(knobs, 'classification', two)).toBeNull();
    expect(classKnobsRefusal({ ...knobs, imbalance: 'one', imbalanceClass: 5 }, 'classification', two)).toBe(
      'Class imbalance names class 5, but this data set has 2 classes (0 to 1).',
    );
    expect(classKnobsRefusal({ ...knobs, imbalance: 'one' }, 'regression', [])).toMatch(/needs classes/);
    expect(classKnobsRefusal({ ...knobs, classWeights: 'hand', classWeightValues: '1, 25' }, 'classification', two)).toBeNull();
    expect(classKnobsRefusal({ ...knobs, classWeights: 'hand', classWeightValues: '1' }, 'classification', two)).toMatch(
      /2 numbers, not 1/,
    );
    // A regression has no classes to weigh: the list is ignored, as the loss ignores it.
    expect(classKnobsRefusal({ ...knobs, classWeights: 'hand', classWeightValues: '1' }, 'regression', [])).toBeNull();
  });

  it('refuses weights by hand that do not fit the classes, with the sentence the page shows', () => {
    const dataset = { task: 'classification' as const, classes: ['a', 'b'], y: Uint8Array.from([0, 1]) };
    expect(() => classWeightsFor({ classWeights: 'hand', classWeightValues: '1, 2, 3' }, dataset, Uint32Array.from([0, 1]))).toThrow(
      'Class weights by hand need one number per class, in class order (a, b): 2 numbers, not 3.',
    );
    expect(
      classWeightsFor({ classWeights: 'hand', classWeightValues: '1' }, { ...dataset, task: 'regression' }, Uint32Array.from([0])),
    ).toBe(undefined);
  });
});

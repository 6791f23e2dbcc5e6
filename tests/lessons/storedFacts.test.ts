// A step's reading survives a reload: its facts go to storage as JSON and
// come back the same; damaged or hostile storage gives no reading, never a
// throw or a mended run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LESSONS } from '../../src/lessons';
import type { RunFacts } from '../../src/lessons/facts';
import { presetConfig } from '../../src/lessons/preset';
import { restoreFacts, storableFacts } from '../../src/lessons/storedFacts';

const config = presetConfig(LESSONS[0].steps[0].preset).config;
const confusion = [
  [8, 2],
  [1, 9],
];
const facts: RunFacts = {
  config,
  epochs: [
    { epoch: 1, step: 10, train: { loss: 0.9, accuracy: 0.5 }, validation: { loss: 1, accuracy: 0.45, f1: 0.4 }, confusion },
    { epoch: 2, step: 20, train: { loss: Number.NaN, accuracy: 0.6 }, validation: { loss: 0.7, accuracy: 0.85, f1: 0.84 }, confusion },
  ],
  error: 'The loss diverged',
  backend: 'wasm',
  samplesPerSecond: 1234.5,
  speeds: [
    { backend: 'wasm', samplesPerSecond: 1234.5 },
    { backend: 'webgl', samplesPerSecond: null, reason: 'too slow at its first step' },
  ],
  software: 'SwiftShader',
  sizes: { train: 800, validation: 200 },
  startedFrom: null,
  forest: { train: { loss: 0.1, accuracy: 1 }, validation: { loss: 0.2, accuracy: 0.98 }, trees: 50, seconds: 0.4 },
  drawing: { probabilities: [0.9, 0.1], classes: ['0', '1'] },
  folds: [{ fold: 1, train: { loss: 0.3, accuracy: 0.9 }, validation: { loss: 0.4, accuracy: 0.8 } }],
  stepping: {
    step: 3,
    from: 2,
    losses: [0.9, 0.8, 0.7],
    layers: [{ into: 1, meanChange: 0.01, maxChange: 0.05, whole: true }],
    columns: 3,
  },
};

const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('a lesson step’s stored facts', () => {
  it('come back as they were, the confusion matrix kept on the last epoch only', () => {
    const back = restoreFacts(throughJson(storableFacts(facts)));
    const expected = structuredClone(facts);
    delete (expected.epochs[0] as { confusion?: number[][] }).confusion;
    expect(back).toEqual(expected);
    // NaN is null in JSON and NaN again when read.
    expect(back!.epochs[1].train.loss).toBeNaN();
  });

  it('keep a null forest (it could not grow) apart from none', () => {
    expect(restoreFacts(throughJson({ ...facts, forest: null }))!.forest).toBeNull();
    const without = { ...facts };
    delete without.forest;
    expect(restoreFacts(throughJson(without))).not.toHaveProperty('forest');
  });

  it.each([
    ['no object', 'facts'],
    ['no config', { ...facts, config: undefined }],
    ['a config that has to be mended', { ...facts, config: { ...config, learningRate: 'fast' } }],
    ['epochs that are no list', { ...facts, epochs: { 0: facts.epochs[0] } }],
    ['an epoch without its scores', { ...facts, epochs: [{ epoch: 1, step: 1 }] }],
    ['a score that is text', { ...facts, epochs: [{ ...facts.epochs[0], train: { loss: '0.5' } }] }],
    ['a confusion row that is no list', { ...facts, epochs: [{ ...facts.epochs[0], confusion: [1, 2] }] }],
    ['a speed without its backend', { ...facts, speeds: [{ samplesPerSecond: 1 }] }],
    ['a drawing with a class that is no text', { ...facts, drawing: { probabilities: [1], classes: [{}] } }],
    ['a fold without its number', { ...facts, folds: [{ train: { loss: 1 }, validation: { loss: 1 } }] }],
    ['stepping with a broken layer', { ...facts, stepping: { ...facts.stepping, layers: [{ into: 'x' }] } }],
    ['sizes that are text', { ...facts, sizes: 'big' }],
  ])('are no reading when damaged: %s', (_, raw) => {
    expect(restoreFacts(throughJson(raw))).toBeNull();
  });

  it('never throw on anything storage can hold', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        restoreFacts(raw);
        restoreFacts({ ...facts, ...(typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : { epochs: raw }) });
      }),
    );
  });
});

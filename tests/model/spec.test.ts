import { memoryProblem, TRAINING_MEMORY_BUDGET } from '../../src/model/spec';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LAYERS } from '../../src/config/experiment';
import { buildModel } from '../../src/model/build';
import { ACTIVATIONS, checkModel, type LayerSpec, type OutputSpec } from '../../src/model/spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SOFTMAX10 = { units: 10, activation: 'softmax' } as const;

/** Compares our pure inference with what tfjs really builds. */
function expectAgreesWithTfjs(layers: LayerSpec[], inputShape: number[], output: OutputSpec = SOFTMAX10) {
  const check = checkModel(layers, inputShape, output);
  expect(check.ok).toBe(true);
  if (!check.ok) return;
  const model = buildModel(layers, inputShape, output, 1);
  // leakyRelu is an extra, parameter-free tfjs layer after its host layer.
  const tfLayers = model.layers.filter((layer) => layer.getClassName() !== 'LeakyReLU');
  expect(tfLayers).toHaveLength(layers.length + 1);
  layers.forEach((_, i) => {
    expect((tfLayers[i].outputShape as number[]).slice(1), `layer ${i} shape`).toEqual(check.layers[i].outputShape);
    expect(tfLayers[i].countParams(), `layer ${i} params`).toBe(check.layers[i].params);
  });
  expect(model.countParams()).toBe(check.totalParams);
  model.dispose();
}

describe('shape inference and parameter counts', () => {
  it('match tfjs for the default CNN', () => {
    const check = checkModel(DEFAULT_LAYERS, [28, 28, 1], SOFTMAX10);
    expect(check.ok && check.layers.map((l) => l.outputShape)).toEqual([[24, 24, 8], [12, 12, 8], [8, 8, 16], [4, 4, 16], [256]]);
    // conv 5*5*1*8+8, conv 5*5*8*16+16, dense 256*10+10
    expect(check.totalParams).toBe(208 + 3216 + 2570);
    expectAgreesWithTfjs([...DEFAULT_LAYERS], [28, 28, 1]);
  });

  it('match tfjs for every layer kind', () => {
    expectAgreesWithTfjs(
      [
        { kind: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'leakyRelu', l2: 0.01 },
        { kind: 'batchNormalization' },
        { kind: 'avgPool2d', poolSize: 3, strides: 2 },
        { kind: 'maxPool2d', poolSize: 2, strides: 1 },
        { kind: 'dropout', rate: 0.3 },
        { kind: 'flatten' },
        { kind: 'dense', units: 12, activation: 'elu', l1: 0.001 },
        { kind: 'batchNormalization' },
        { kind: 'dense', units: 5, activation: 'tanh' },
      ],
      [28, 28, 1],
    );
  });
});

// Random stacks: an image part (conv, pooling, batch norm, dropout), a
// flatten, then a flat part (dense, batch norm, dropout). Stacks our checker
// refuses (a kernel bigger than what is left, say) are skipped.
const activation = fc.constantFrom(...ACTIVATIONS);
const regularizer = fc.record({ l1: fc.constantFrom(0, 0.01), l2: fc.constantFrom(0, 0.001) });
const shared: fc.Arbitrary<LayerSpec>[] = [
  fc.constant<LayerSpec>({ kind: 'batchNormalization' }),
  fc.record({ kind: fc.constant('dropout' as const), rate: fc.constantFrom(0, 0.25, 0.5) }),
];
const imageLayer: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc
    .record({
      kind: fc.constant('conv2d' as const),
      filters: fc.integer({ min: 1, max: 6 }),
      kernelSize: fc.integer({ min: 1, max: 5 }),
      strides: fc.integer({ min: 1, max: 3 }),
      padding: fc.constantFrom('valid' as const, 'same' as const),
      activation,
    })
    .chain((conv) => regularizer.map((reg) => ({ ...conv, ...reg }))),
  fc.record({
    kind: fc.constantFrom('maxPool2d' as const, 'avgPool2d' as const),
    poolSize: fc.integer({ min: 1, max: 3 }),
    strides: fc.integer({ min: 1, max: 3 }),
  }),
  ...shared,
);
const flatLayer: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc
    .record({ kind: fc.constant('dense' as const), units: fc.integer({ min: 1, max: 24 }), activation })
    .chain((dense) => regularizer.map((reg) => ({ ...dense, ...reg }))),
  ...shared,
);
const stackCase = fc.record({
  inputShape: fc.oneof(
    fc.tuple(fc.integer({ min: 3, max: 16 }), fc.integer({ min: 3, max: 16 }), fc.integer({ min: 1, max: 3 })).map((t) => [...t]),
    fc.integer({ min: 1, max: 30 }).map((n) => [n]),
  ),
  image: fc.array(imageLayer, { maxLength: 4 }),
  flat: fc.array(flatLayer, { maxLength: 3 }),
  output: fc.oneof(
    fc.integer({ min: 2, max: 12 }).map((units): OutputSpec => ({ units, activation: 'softmax' })),
    fc.constant<OutputSpec>({ units: 1, activation: 'linear' }),
  ),
});

it('builds a flatten on rows that are already flat as nothing (tfjs refuses it)', () => {
  const model = buildModel([{ kind: 'flatten' }, { kind: 'dense', units: 3, activation: 'relu' }], [4], SOFTMAX10, 1);
  expect(model.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dense']);
  expect(model.countParams()).toBe(
    checkModel([{ kind: 'flatten' }, { kind: 'dense', units: 3, activation: 'relu' }], [4], SOFTMAX10).totalParams,
  );
  model.dispose();
});

describe('shape inference and parameter counts for random stacks', () => {
  it('agree with what tfjs builds, layer by layer', () => {
    let checked = 0;
    fc.assert(
      fc.property(stackCase, ({ inputShape, image, flat, output }) => {
        const layers = inputShape.length === 3 ? [...image, { kind: 'flatten' } as LayerSpec, ...flat] : flat;
        fc.pre(checkModel(layers, inputShape, output).ok);
        expectAgreesWithTfjs(layers, inputShape, output);
        checked++;
      }),
      { numRuns: 150, seed: 20261128 },
    );
    // The generator must mostly produce valid stacks, or the property says little.
    expect(checked).toBeGreaterThan(100);
  });
});

describe('invalid stacks name the layer and the reason', () => {
  const cases: [string, LayerSpec[], RegExp][] = [
    [
      'conv after flatten',
      [{ kind: 'flatten' }, { kind: 'conv2d', filters: 2, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' }],
      /Layer 2 \(conv2d\).*image input/,
    ],
    [
      'kernel larger than input',
      [{ kind: 'conv2d', filters: 2, kernelSize: 29, strides: 1, padding: 'valid', activation: 'relu' }],
      /Layer 1.*29x29 kernel is larger than its 28x28 input/,
    ],
    ['dense on an image', [{ kind: 'dense', units: 4, activation: 'relu' }], /Layer 1 \(dense\).*add a flatten/],
    ['zero units', [{ kind: 'flatten' }, { kind: 'dense', units: 0, activation: 'relu' }], /Layer 2 \(dense\).*at least 1 unit/],
    ['no flatten before the output', [], /Output layer.*add a flatten/],
    [
      'a negative L1 penalty',
      [{ kind: 'flatten' }, { kind: 'dense', units: 4, activation: 'relu', l1: -0.1 }],
      /Layer 2 \(dense\).*L1 penalty must be between 0 and 1/,
    ],
    [
      'over the parameter budget',
      [{ kind: 'flatten' }, { kind: 'dense', units: 30_000, activation: 'relu' }],
      /over the limit of 20,000,000/,
    ],
  ];
  it.each(cases)('%s', (_, layers, message) => {
    const check = checkModel(layers, [28, 28, 1], SOFTMAX10);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });
});

describe('the memory budget', () => {
  it('refuses a run whose estimate passes it, with the figure and what to change', () => {
    expect(memoryProblem(TRAINING_MEMORY_BUDGET, 64)).toBeNull();
    const problem = memoryProblem(9677.8 * 2 ** 20, 4096);
    expect(problem).toContain('needs about 9,678 MiB');
    expect(problem).toContain('more than the 2,048 MiB');
    expect(problem).toContain('Lower the batch size');
  });
});

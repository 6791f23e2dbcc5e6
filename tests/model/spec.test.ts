import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LAYERS } from '../../src/config/experiment';
import { buildModel } from '../../src/model/build';
import { checkModel, type LayerSpec } from '../../src/model/spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SOFTMAX10 = { units: 10, activation: 'softmax' } as const;

/** Compares our pure inference with what tfjs really builds. */
function expectAgreesWithTfjs(layers: LayerSpec[], inputShape: number[]) {
  const check = checkModel(layers, inputShape, SOFTMAX10);
  expect(check.ok).toBe(true);
  if (!check.ok) return;
  const model = buildModel(layers, inputShape, SOFTMAX10, 1);
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
    expect(check.ok && check.layers.map((l) => l.outputShape)).toEqual([
      [24, 24, 8],
      [12, 12, 8],
      [8, 8, 16],
      [4, 4, 16],
      [256],
    ]);
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

describe('invalid stacks name the layer and the reason', () => {
  const cases: [string, LayerSpec[], RegExp][] = [
    ['conv after flatten', [{ kind: 'flatten' }, { kind: 'conv2d', filters: 2, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' }], /Layer 2 \(conv2d\).*image input/],
    ['kernel larger than input', [{ kind: 'conv2d', filters: 2, kernelSize: 29, strides: 1, padding: 'valid', activation: 'relu' }], /Layer 1.*29x29 kernel is larger than its 28x28 input/],
    ['dense on an image', [{ kind: 'dense', units: 4, activation: 'relu' }], /Layer 1 \(dense\).*add a flatten/],
    ['zero units', [{ kind: 'flatten' }, { kind: 'dense', units: 0, activation: 'relu' }], /Layer 2 \(dense\).*at least 1 unit/],
    ['no flatten before the output', [], /Output layer.*add a flatten/],
    ['over the parameter budget', [{ kind: 'flatten' }, { kind: 'dense', units: 30_000, activation: 'relu' }], /over the limit of 20,000,000/],
  ];
  it.each(cases)('%s', (_, layers, message) => {
    const check = checkModel(layers, [28, 28, 1], SOFTMAX10);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });
});

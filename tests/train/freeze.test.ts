// Transfer with frozen layers: a frozen layer's weights come out of training
// bit for bit as they went in, the trainable count is tfjs's own, and a kept
// model on other classes gives every layer but the output its weights.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type OptimizerName } from '../../src/config/experiment';
import { defaultOptimizerParams } from '../../src/config/optimizerParams';
import { buildModel, isFrozenLayer } from '../../src/model/build';
import { checkModel, unfrozen, type LayerSpec } from '../../src/model/spec';
import { buildEngine, fusedObstacle } from '../../src/train/engines/build';
import { gatherBatch } from '../../src/train/engines/hostBatch';
import type { InitialWeights } from '../../src/train/protocol';
import { blobs } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const FROZEN_MLP: LayerSpec[] = [
  { kind: 'dense', units: 6, activation: 'relu', l2: 0.01, frozen: true },
  { kind: 'batchNormalization' },
  { kind: 'dense', units: 5, activation: 'tanh' },
];

describe('frozen layers', () => {
  it('count as tfjs counts trainable parameters: frozen layers and batch norm statistics left out', () => {
    const layers: LayerSpec[] = [
      { kind: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu', frozen: true },
      { kind: 'batchNormalization' },
      { kind: 'maxPool2d', poolSize: 2, strides: 2 },
      { kind: 'flatten' },
      { kind: 'dense', units: 7, activation: 'leakyRelu', frozen: true },
      { kind: 'dense', units: 5, activation: 'relu' },
    ];
    const check = checkModel(layers, [10, 10, 1], { units: 3, activation: 'softmax' });
    if (!check.ok) throw new Error(check.message);
    // tfjs's own count: the same model, its frozen layers marked untrainable in tfjs's sense.
    const model = buildModel(layers, [10, 10, 1], { units: 3, activation: 'softmax' }, 1);
    for (const layer of model.layers) if (isFrozenLayer(model, layer)) layer.trainable = false;
    const tfjsTrainable = model.trainableWeights.reduce((sum, w) => sum + w.read().size, 0);
    expect(check.trainableParams).toBe(tfjsTrainable);
    expect(check.totalParams).toBe(model.countParams());
    expect(check.trainableParams).toBeLessThan(check.totalParams);
    model.dispose();
    // Nothing frozen: every parameter but batch norm's moving statistics trains.
    const open = checkModel(unfrozen(layers), [10, 10, 1], { units: 3, activation: 'softmax' });
    expect(open.ok && open.trainableParams).toBe(check.totalParams - 2 * 4);
  });

  it.each<OptimizerName>(['adam', 'sgd', 'rmsprop'])(
    'stay bit-identical through training with %s, L2 and weight decay, while the others move',
    async (optimizer) => {
      const dataset = blobs(64, 3);
      const indices = Uint32Array.from({ length: 64 }, (_, i) => i);
      const config = {
        ...defaultConfig(),
        layers: FROZEN_MLP,
        optimizer,
        optimizerParams: defaultOptimizerParams(optimizer),
        learningRate: 0.05,
        weightDecay: 0.001,
        seed: 3,
      };
      const built = await buildEngine('cpu', config, dataset, indices);
      const before = (await built.engine.readWeights()).map((w) => Float32Array.from(w));
      for (let k = 0; k < 6; k++) await built.engine.trainStep(gatherBatch(dataset, indices, k * 8, k * 8 + 8), k + 1);
      const after = await built.engine.readWeights();
      // Layer 1's kernel and bias: bit for bit.
      expect(Array.from(after[0])).toEqual(Array.from(before[0]));
      expect(Array.from(after[1])).toEqual(Array.from(before[1]));
      // Layer 3's kernel and the output layer's: moved.
      const moved = (k: number) => after[k].some((v, i) => v !== before[k][i]);
      expect(moved(4)).toBe(true);
      expect(moved(6)).toBe(true);
      built.dispose();
    },
  );

  it('are refused by the fused engine (auto trains them with tfjs), with why', () => {
    const dataset = blobs(8, 2);
    expect(fusedObstacle({ layers: [{ kind: 'dense', units: 4, activation: 'tanh', frozen: true }] }, dataset)).toMatch(
      /does not freeze layers/,
    );
    expect(fusedObstacle({ layers: [{ kind: 'dense', units: 4, activation: 'tanh' }] }, dataset)).toBeNull();
  });
});

describe('starting from a kept model', () => {
  const layers: LayerSpec[] = [
    { kind: 'dense', units: 6, activation: 'relu' },
    { kind: 'dense', units: 4, activation: 'relu' },
  ];
  async function keptModel(classes: number): Promise<InitialWeights> {
    const model = buildModel(layers, [2], { units: classes, activation: 'softmax' }, 99);
    const weights = await Promise.all(model.getWeights().map(async (w) => ({ shape: w.shape, values: (await w.data()) as Float32Array })));
    model.dispose();
    return weights;
  }

  it('on other classes keeps every layer but the output, which starts from the seed', async () => {
    const kept = await keptModel(5);
    const dataset = blobs(16, 3);
    const indices = Uint32Array.from({ length: 16 }, (_, i) => i);
    const config = { ...defaultConfig(), layers, seed: 4 };
    const built = await buildEngine('cpu', config, dataset, indices, kept, undefined, true);
    const seeded = await buildEngine('cpu', config, dataset, indices);
    const got = await built.engine.readWeights();
    const fresh = await seeded.engine.readWeights();
    for (let k = 0; k < 4; k++) expect(Array.from(got[k])).toEqual(Array.from(kept[k].values));
    expect(Array.from(got[4])).toEqual(Array.from(fresh[4]));
    expect(Array.from(got[5])).toEqual(Array.from(fresh[5]));
    built.dispose();
    seeded.dispose();
  });

  it('refuses weights whose hidden layers do not fit, naming the counts', async () => {
    const kept = await keptModel(3);
    const dataset = blobs(16, 3);
    const indices = Uint32Array.from({ length: 16 }, (_, i) => i);
    const config = { ...defaultConfig(), layers: [{ kind: 'dense' as const, units: 7, activation: 'relu' as const }, layers[1]], seed: 4 };
    await expect(buildEngine('cpu', config, dataset, indices, kept, undefined, true)).rejects.toThrow(/do not fit this model/);
  });
});

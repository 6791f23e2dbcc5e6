// Seeded replay: the same experiment gives the same initial weights, the
// same shuffling and dropout masks, and so the same loss curve.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultOptimizerParams } from '../../src/config/optimizerParams';
import { stratifiedSplit } from '../../src/data/split';
import { buildModel, reseedDropout } from '../../src/model/build';
import type { LayerSpec } from '../../src/model/spec';
import { RunControl } from '../../src/train/run/control';
import { trainModel } from '../../src/train/run/loop';
import { createOptimizer } from '../../src/train/engines/optimizers';
import { registerWasmMatMul } from '../../src/train/backends/wasmMatMul';
import { blobs } from './fixtures';
import { NODE_WASM_FILES } from './nodeWasm';

setWasmPaths(NODE_WASM_FILES);

const LAYERS: LayerSpec[] = [
  { kind: 'dense', units: 16, activation: 'relu' },
  { kind: 'dropout', rate: 0.3 },
  { kind: 'dense', units: 8, activation: 'tanh', l2: 0.001 },
];

/** Trains 2 epochs from `seed` on `backend`; returns the initial weights and every batch loss. */
async function replay(backend: 'cpu' | 'wasm', seed: number) {
  await tf.setBackend(backend);
  // As the app starts WASM: its matrix products take transposed operands plainly.
  if (backend === 'wasm') registerWasmMatMul();
  const dataset = blobs(240, 5);
  const split = stratifiedSplit(dataset.y, 0.25, seed);
  const model = buildModel(LAYERS, [2], { units: 3, activation: 'softmax' }, seed);
  const initial = model.getWeights().map((w) => Array.from(w.dataSync()));
  const optimizer = createOptimizer('adam', 0.01, defaultOptimizerParams('adam'));
  const losses: number[] = [];
  await trainModel({
    model,
    optimizer,
    dataset,
    split,
    batchSize: 16,
    epochs: 2,
    seed,
    control: new RunControl(),
    onBatch: (p) => losses.push(p.loss),
    onEpoch: () => undefined,
  });
  model.dispose();
  optimizer.optimizer.dispose();
  return { initial, losses };
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('seeded replay', () => {
  it.each(['cpu', 'wasm'] as const)('on %s, the same seed gives the same weights and the same loss curve', async (backend) => {
    const first = await replay(backend, 42);
    const second = await replay(backend, 42);
    expect(second.initial).toEqual(first.initial);
    expect(first.losses).toHaveLength(2 * 12);
    second.losses.forEach((loss, i) => expect(Math.abs(loss - first.losses[i]), `batch ${i + 1}`).toBeLessThanOrEqual(1e-6));
  });

  it('a different seed gives a different run', async () => {
    const a = await replay('cpu', 42);
    const b = await replay('cpu', 43);
    expect(b.initial).not.toEqual(a.initial);
    expect(b.losses).not.toEqual(a.losses);
  });

  it('CPU and WASM start from identical weights and follow the same curve', async () => {
    const cpu = await replay('cpu', 7);
    const wasm = await replay('wasm', 7);
    expect(wasm.initial).toEqual(cpu.initial);
    const worst = Math.max(...cpu.losses.map((loss, i) => Math.abs(loss - wasm.losses[i])));
    expect(worst).toBeLessThanOrEqual(1e-6);
  });

  it('dropout draws a fresh mask each step, and the same mask when a step is replayed', async () => {
    await tf.setBackend('cpu');
    const model = buildModel([{ kind: 'dropout', rate: 0.5 }], [64], { units: 1, activation: 'linear' }, 1);
    const dropout = model.layers[0];
    const x = tf.ones([1, 64]);
    const mask = (step: number) => {
      reseedDropout(model, 9, step);
      return Array.from((dropout.apply(x, { training: true }) as tf.Tensor).dataSync());
    };
    expect(mask(1)).toEqual(mask(1));
    expect(mask(2)).not.toEqual(mask(1));
    x.dispose();
    model.dispose();
  });
});

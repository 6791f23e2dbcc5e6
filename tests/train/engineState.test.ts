// Auto's mid-run switch: an engine continued from another's weights and
// optimizer state follows the run it took over, step for step, whichever
// engine it moves between.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type BackendName, type OptimizerName } from '../../src/config/experiment';
import { defaultOptimizerParams } from '../../src/config/optimizerParams';
import { buildEngine } from '../../src/train/engines/build';
import { carryObstacle } from '../../src/train/engines/engineState';
import { gatherBatch } from '../../src/train/engines/hostBatch';
import { blobs } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const RATES: Record<OptimizerName, number> = {
  sgd: 0.1,
  momentum: 0.05,
  adam: 0.01,
  rmsprop: 0.005,
  adadelta: 1,
  adamax: 0.01,
  adagrad: 0.1,
};
const CARRIED: OptimizerName[] = ['sgd', 'momentum', 'adam', 'rmsprop', 'adadelta', 'adagrad'];

function configFor(optimizer: OptimizerName) {
  return {
    ...defaultConfig(),
    layers: [{ kind: 'dense' as const, units: 6, activation: 'tanh' as const }],
    optimizer,
    optimizerParams: defaultOptimizerParams(optimizer),
    learningRate: RATES[optimizer],
    seed: 5,
  };
}

async function weightsAfter(
  from: BackendName,
  to: BackendName,
  optimizer: OptimizerName,
  before: number,
  after: number,
): Promise<{ carried: Float32Array[]; straight: Float32Array[] }> {
  const dataset = blobs(64, 2);
  const indices = Uint32Array.from({ length: 64 }, (_, i) => i);
  const batch = (k: number) => gatherBatch(dataset, indices, (k * 8) % 64, ((k * 8) % 64) + 8);
  const config = configFor(optimizer);
  const straight = await buildEngine(from, config, dataset, indices);
  const first = await buildEngine(from, config, dataset, indices);
  for (let k = 0; k < before; k++) {
    await straight.engine.trainStep(batch(k), k + 1);
    await first.engine.trainStep(batch(k), k + 1);
  }
  const moved = await buildEngine(to, config, dataset, indices, undefined, await first.engine.exportState());
  first.dispose();
  for (let k = before; k < before + after; k++) {
    await straight.engine.trainStep(batch(k), k + 1);
    await moved.engine.trainStep(batch(k), k + 1);
  }
  const result = { carried: await moved.engine.readWeights(), straight: await straight.engine.readWeights() };
  straight.dispose();
  moved.dispose();
  return result;
}

function maxGap(a: Float32Array[], b: Float32Array[]): number {
  return Math.max(...a.map((w, k) => Math.max(...w.map((v, i) => Math.abs(v - b[k][i])))));
}

describe('carrying a run to another engine', () => {
  for (const optimizer of CARRIED) {
    it(`${optimizer}: tfjs to fused and back follows the uninterrupted run`, async () => {
      const toFused = await weightsAfter('cpu', 'fused', optimizer, 5, 6);
      expect(maxGap(toFused.carried, toFused.straight)).toBeLessThan(1e-4);
      const toTfjs = await weightsAfter('fused', 'cpu', optimizer, 5, 6);
      expect(maxGap(toTfjs.carried, toTfjs.straight)).toBeLessThan(1e-4);
    });
  }

  it('tfjs to tfjs keeps the optimizer state (a fresh optimizer would not)', async () => {
    const { carried, straight } = await weightsAfter('cpu', 'cpu', 'adam', 4, 4);
    expect(maxGap(carried, straight)).toBeLessThan(1e-6);
  });

  it('exports the steps taken and non-zero slots, one per weight and slot kind', async () => {
    const dataset = blobs(64, 2);
    const indices = Uint32Array.from({ length: 64 }, (_, i) => i);
    const config = configFor('adam');
    const a = await buildEngine('cpu', config, dataset, indices);
    for (let k = 0; k < 5; k++) await a.engine.trainStep(gatherBatch(dataset, indices, k * 8, k * 8 + 8), k + 1);
    const state = await a.engine.exportState();
    expect(state.optimizer.iterations).toBe(5);
    expect(state.optimizer.slots).toHaveLength(2 * state.weights.length);
    expect(state.optimizer.slots.some((s) => s.some((v) => v !== 0))).toBe(true);
    a.dispose();
  });

  it('names the optimizer whose state cannot move', () => {
    expect(carryObstacle('adamax')).toMatch(/Adamax/);
    expect(carryObstacle('adam')).toBeNull();
  });
});

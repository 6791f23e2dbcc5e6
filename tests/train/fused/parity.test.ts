// The fused engine against tfjs (CPU backend) on random dense stacks: the
// same forward pass, the same gradients, and the same weights after several
// optimizer steps, within 1e-5.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIMIZERS, type OptimizerName } from '../../../src/config/experiment';
import { defaultOptimizerParams } from '../../../src/config/optimizerParams';
import { createRng } from '../../../src/lib/rng';
import { buildModel } from '../../../src/model/build';
import type { Activation, LayerSpec, OutputSpec } from '../../../src/model/spec';
import { densePlan, FusedEngine } from '../../../src/train/engines/fused/engine';
import { zeroParams } from '../../../src/train/engines/fused/net';
import { ArrayOptimizer } from '../../../src/train/engines/fused/optimizers';
import { headFor } from '../../../src/train/engines/heads';
import { createOptimizer } from '../../../src/train/engines/optimizers';
import { TfjsEngine } from '../../../src/train/engines/tfjsEngine';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const HIDDEN: Activation[] = ['relu', 'leakyRelu', 'elu', 'sigmoid', 'tanh', 'linear'];
const TOLERANCE = 1e-5;
const USUAL_RATE: Record<OptimizerName, number> = {
  sgd: 0.1,
  momentum: 0.05,
  adam: 0.005,
  rmsprop: 0.005,
  adadelta: 1,
  adamax: 0.01,
  adagrad: 0.1,
};

interface Case {
  inputs: number;
  layers: LayerSpec[];
  task: 'classification' | 'regression';
  classes: number;
  optimizer: OptimizerName;
  learningRate: number;
  weightDecay: number;
  batch: number;
  seed: number;
  /** Class weights in the loss (classification), as Keras's class_weight. */
  weighted: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  inputs: fc.integer({ min: 1, max: 6 }),
  layers: fc.array(
    fc.record({
      kind: fc.constant('dense' as const),
      units: fc.integer({ min: 1, max: 9 }),
      activation: fc.constantFrom(...HIDDEN),
      l1: fc.constantFrom(0, 0, 0.01),
      l2: fc.constantFrom(0, 0, 0.02),
    }),
    { minLength: 0, maxLength: 3 },
  ),
  task: fc.constantFrom('classification' as const, 'regression' as const),
  classes: fc.integer({ min: 2, max: 4 }),
  optimizer: fc.constantFrom(...OPTIMIZERS),
  learningRate: fc.constantFrom(0.2, 1, 3),
  weightDecay: fc.constantFrom(0, 0, 0.01),
  batch: fc.integer({ min: 1, max: 12 }),
  seed: fc.integer({ min: 0, max: 1000 }),
  weighted: fc.boolean(),
});

const weightsOf = (c: Case) =>
  c.weighted && c.task === 'classification' ? Float32Array.from({ length: c.classes }, (_, k) => 0.5 + 1.25 * k) : undefined;

function data(c: Case, rows: number, seed: number) {
  const rng = createRng(seed);
  const values = Float32Array.from({ length: rows * c.inputs }, () => rng.next() * 4 - 2);
  const labels = Float32Array.from({ length: rows }, () => (c.task === 'classification' ? rng.int(c.classes) : rng.next() * 10 - 3));
  return { values, labels, count: rows };
}

/** Both engines for one case, starting from the same seeded weights. */
function engines(c: Case) {
  const output: OutputSpec = c.task === 'classification' ? { units: c.classes, activation: 'softmax' } : { units: 1, activation: 'linear' };
  const model = buildModel(c.layers, [c.inputs], output, c.seed);
  const all = data(c, 40, c.seed + 1);
  const dataset = {
    name: 't',
    task: c.task,
    x: all.values,
    y: all.labels,
    count: all.count,
    sampleShape: [c.inputs],
    classes: c.task === 'classification' ? Array.from({ length: c.classes }, String) : [],
  };
  const train = Uint32Array.from({ length: all.count }, (_, i) => i);
  const head = headFor(dataset, train);
  const params = defaultOptimizerParams(c.optimizer);
  // Each optimizer at a multiple of its usual rate: adaptive ones take
  // near-sign steps, so a rate of 0.3 there would amplify float32 noise in
  // gradients that are exactly zero in real arithmetic.
  const lr = USUAL_RATE[c.optimizer] * c.learningRate;
  const tunable = createOptimizer(c.optimizer, lr, params);
  const classWeights = weightsOf(c);
  const reference = new TfjsEngine({ model, optimizer: tunable, dataset, head, seed: c.seed, weightDecay: c.weightDecay, classWeights });
  const plan = densePlan(c.layers, [c.inputs], output);
  if (typeof plan === 'string') throw new Error(plan);
  const mean = c.task === 'regression' ? all.labels.reduce((a, b) => a + b, 0) / all.count : 0;
  const std = c.task === 'regression' ? Math.sqrt(all.labels.reduce((a, b) => a + (b - mean) ** 2, 0) / all.count) : 1;
  const fused = new FusedEngine({
    plan,
    task: c.task,
    scale: { mean, std },
    optimizer: new ArrayOptimizer(c.optimizer, lr, params),
    weightDecay: c.weightDecay,
    classWeights,
    initial: model.getWeights().map((w) => w.dataSync()),
  });
  return { model, tunable, reference, fused, all, dataset, plan };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return worst;
}

describe('fused engine parity with tfjs', () => {
  it('forward pass, gradients and 4 optimizer steps match on random dense stacks', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const { model, tunable, reference, fused, all, plan } = engines(c);
        try {
          // Forward pass.
          const sample = data(c, 7, c.seed + 2);
          expect(maxDiff(await fused.predict(sample.values, 7), await reference.predict(sample.values, 7))).toBeLessThanOrEqual(TOLERANCE);

          // Gradients of mean loss + penalties, against tf.variableGrads.
          const batch = { values: all.values.slice(0, c.batch * c.inputs), labels: all.labels.slice(0, c.batch), count: c.batch };
          const head = headFor(
            { task: c.task, classes: Array.from({ length: c.classes }, String), y: all.labels } as never,
            Uint32Array.from({ length: all.count }, (_, i) => i),
          );
          const { grads: tfGrads } = tf.variableGrads(() => {
            const xs = tf.tensor2d(batch.values, [batch.count, c.inputs]);
            const out = model.apply(xs, { training: true }) as tf.Tensor;
            const weights = weightsOf(c);
            const losses = head.losses(head.targets(batch.labels), out);
            let total = (weights ? losses.mul(tf.tensor1d(batch.labels.map((y) => weights[y]))) : losses).mean() as tf.Scalar;
            for (const p of model.layers.flatMap((l) => l.calculateLosses())) total = total.add(p);
            if (c.weightDecay > 0) {
              const kernels = model.trainableWeights.filter((w) => /kernel$/.test(w.originalName));
              total = total.add(tf.addN(kernels.map((k) => tf.sum(tf.square(k.read())))).mul(c.weightDecay));
            }
            return total;
          });
          const grads = zeroParams(plan);
          fused.net.gradients(batch.values, Array.from(fused.standardised(batch.labels)), batch.count, c.weightDecay, grads, weightsOf(c));
          const ours = plan.flatMap((_, l) => [grads.kernels[l], grads.biases[l]]);
          model.trainableWeights.forEach((w, k) => {
            expect(maxDiff(ours[k], tfGrads[w.name].dataSync()), `gradient of ${w.name}`).toBeLessThanOrEqual(TOLERANCE);
          });
          Object.values(tfGrads).forEach((g) => g.dispose());

          // Optimizer steps on successive batches.
          for (let step = 1; step <= 4; step++) {
            const from = ((step - 1) * c.batch) % (all.count - c.batch);
            const b = {
              values: all.values.slice(from * c.inputs, (from + c.batch) * c.inputs),
              labels: all.labels.slice(from, from + c.batch),
              count: c.batch,
            };
            const [a, r] = await Promise.all([fused.trainStep(b, step), reference.trainStep(b, step)]);
            expect(Math.abs(a.loss - r.loss) / Math.max(1, Math.abs(r.loss)), `loss at step ${step}`).toBeLessThanOrEqual(TOLERANCE);
            const weights = model.getWeights().map((w) => w.dataSync());
            fused
              .weights()
              .forEach((w, k) => expect(maxDiff(w, weights[k]), `weights ${k} after step ${step}`).toBeLessThanOrEqual(TOLERANCE));
          }
        } finally {
          model.dispose();
          tunable.optimizer.dispose();
        }
      }),
      { numRuns: 80, seed: 20261128 },
    );
  }, 60_000);

  it('trains an image flattened first (an MLP on MNIST) like tfjs', async () => {
    const layers: LayerSpec[] = [{ kind: 'flatten' }, { kind: 'dense', units: 5, activation: 'relu' }];
    const output: OutputSpec = { units: 3, activation: 'softmax' };
    const model = buildModel(layers, [4, 4, 1], output, 5);
    const plan = densePlan(layers, [4, 4, 1], output);
    if (typeof plan === 'string') throw new Error(plan);
    const params = defaultOptimizerParams('sgd');
    const fused = new FusedEngine({
      plan,
      task: 'classification',
      scale: { mean: 0, std: 1 },
      optimizer: new ArrayOptimizer('sgd', 0.1, params),
      weightDecay: 0,
      initial: model.getWeights().map((w) => w.dataSync()),
    });
    const tunable = createOptimizer('sgd', 0.1, params);
    const dataset = {
      name: 'img',
      task: 'classification' as const,
      x: new Float32Array(16 * 6),
      y: new Uint8Array(6),
      count: 6,
      sampleShape: [4, 4, 1],
      classes: ['a', 'b', 'c'],
    };
    const reference = new TfjsEngine({
      model,
      optimizer: tunable,
      dataset,
      head: headFor(dataset, Uint32Array.of(0, 1, 2, 3, 4, 5)),
      seed: 5,
      weightDecay: 0,
    });
    const rng = createRng(9);
    const batch = {
      values: Float32Array.from({ length: 16 * 6 }, () => rng.next()),
      labels: Float32Array.from({ length: 6 }, (_, i) => i % 3),
      count: 6,
    };
    for (let step = 1; step <= 3; step++) await Promise.all([fused.trainStep(batch, step), reference.trainStep(batch, step)]);
    expect(maxDiff(await fused.predict(batch.values, 6), await reference.predict(batch.values, 6))).toBeLessThanOrEqual(TOLERANCE);
    model.dispose();
    tunable.optimizer.dispose();
  });

  it('refuses what it cannot train, with the reason', () => {
    const out: OutputSpec = { units: 2, activation: 'softmax' };
    expect(densePlan([{ kind: 'dense', units: 4, activation: 'tanh' }], [2], out)).not.toBeTypeOf('string');
    expect(densePlan([{ kind: 'dropout', rate: 0.2 }], [2], out)).toBe('it has no dropout');
    expect(densePlan([{ kind: 'batchNormalization' }], [2], out)).toBe('it has no batchNormalization layer');
    expect(densePlan([], [28, 28, 1], out)).toBe('it trains flat inputs only (flatten an image first; no convolutions)');
    expect(densePlan([{ kind: 'flatten' }, { kind: 'dense', units: 4, activation: 'relu' }], [3, 3, 1], out)).toEqual([
      { inputs: 9, units: 4, activation: 'relu', l1: 0, l2: 0 },
      { inputs: 4, units: 2, activation: 'softmax', l1: 0, l2: 0 },
    ]);
    expect(densePlan([{ kind: 'dense', units: 3, activation: 'softmax' }], [2], out)).toBe('it has no hidden softmax');
  });
});

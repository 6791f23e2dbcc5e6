// The Engine over a tf.LayersModel and a tfjs optimizer, on whichever tfjs
// backend is active. Results are read back asynchronously (never dataSync:
// it returns zeros on WebGPU), so the loop can queue the next batch first.
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../config/experiment';
import type { Dataset } from '../../data/dataset';
import { isFrozenLayer, reseedDropout, trainedWeights } from '../../model/build';
import type { Engine, HostBatch, StepResult, WeightSnapshot } from './engine';
import type { EngineState, OptimizerState } from './engineState';
import type { Head } from './heads';
import type { TunableOptimizer } from './optimizers';
import { kernelSquares } from './regularise';

export interface TfjsEngineOptions {
  model: tf.LayersModel;
  /** Null for an engine that only evaluates and predicts. */
  optimizer: TunableOptimizer | null;
  dataset: Pick<Dataset, 'sampleShape'>;
  head: Head;
  seed: number;
  /** Global L2 penalty on every kernel (0: off). */
  weightDecay: number;
  /** Classification: each class's weight in the training loss, as Keras's class_weight (absent: all 1). */
  classWeights?: Float32Array;
}

export class TfjsEngine implements Engine {
  readonly backend: BackendName;
  readonly synchronous = false;

  constructor(private readonly o: TfjsEngineOptions) {
    this.backend = tf.getBackend() as BackendName;
  }

  private tensor(values: Float32Array, count: number): tf.Tensor {
    return tf.tensor(values, [count, ...this.o.dataset.sampleShape], 'float32');
  }

  private sampleWeights(labels: Float32Array): tf.Tensor1D {
    const weights = this.o.classWeights!;
    return tf.tensor1d(labels.map((label) => weights[label]));
  }

  trainStep(batch: HostBatch, step: number): Promise<StepResult> {
    const { model, optimizer, head, weightDecay } = this.o;
    if (!optimizer) throw new Error('This engine only evaluates.');
    const xs = this.tensor(batch.values, batch.count);
    reseedDropout(model, this.o.seed, step);
    const { loss, readout } = tf.tidy(() => {
      const targets = head.targets(batch.labels);
      let readoutTensor: tf.Tensor | null = null;
      const trained = trainedWeights(model).map((w) => w.read() as tf.Variable);
      const lossScalar = optimizer.optimizer.minimize(
        () => {
          const outputs = model.apply(xs, { training: true }) as tf.Tensor;
          readoutTensor = tf.keep(head.readout(outputs));
          const losses = head.losses(targets, outputs);
          // Keras's class_weight: each sample's loss times its class's weight, averaged over the batch.
          let total = (this.o.classWeights ? losses.mul(this.sampleWeights(batch.labels)) : losses).mean() as tf.Scalar;
          for (const layer of model.layers) {
            if (isFrozenLayer(model, layer)) continue;
            for (const penalty of layer.calculateLosses()) total = total.add(penalty);
          }
          if (weightDecay > 0) total = total.add(kernelSquares(model).mul(weightDecay));
          return total;
        },
        true,
        trained,
      ) as tf.Scalar;
      return { loss: lossScalar, readout: readoutTensor as unknown as tf.Tensor };
    });
    xs.dispose();
    return Promise.all([loss.data(), readout.data()])
      .then(([lossValues, readoutValues]) => ({ loss: lossValues[0], readout: readoutValues }))
      .finally(() => {
        loss.dispose();
        readout.dispose();
      });
  }

  async evaluate(batch: HostBatch): Promise<{ lossSum: number; readout: ArrayLike<number> }> {
    const { model, head } = this.o;
    const xs = this.tensor(batch.values, batch.count);
    const [lossTotal, readout] = tf.tidy(() => {
      const outputs = model.predict(xs) as tf.Tensor;
      return [head.losses(head.targets(batch.labels), outputs).sum(), head.readout(outputs)];
    });
    xs.dispose();
    try {
      const [lossValue, readoutValues] = await Promise.all([lossTotal.data(), readout.data()]);
      return { lossSum: lossValue[0], readout: readoutValues };
    } finally {
      lossTotal.dispose();
      readout.dispose();
    }
  }

  async predict(values: Float32Array, count: number): Promise<Float32Array> {
    const xs = this.tensor(values, count);
    const outputs = this.o.model.predict(xs) as tf.Tensor;
    try {
      return (await outputs.data()) as Float32Array;
    } finally {
      xs.dispose();
      outputs.dispose();
    }
  }

  setLearningRate(learningRate: number): void {
    this.o.optimizer?.setLearningRate(learningRate);
  }

  snapshot(): WeightSnapshot {
    const { model } = this.o;
    const weights = model.getWeights().map((w) => tf.clone(w));
    return {
      restore: () => model.setWeights(weights),
      dispose: () => weights.forEach((w) => w.dispose()),
      read: async () => (await Promise.all(weights.map((w) => w.data()))).map((v) => Float32Array.from(v)),
    };
  }

  writeWeights(weights: Float32Array[]): void {
    const { model } = this.o;
    const tensors = model.getWeights().map((w, k) => tf.tensor(weights[k], w.shape));
    model.setWeights(tensors);
    tf.dispose(tensors);
  }

  async exportState(): Promise<EngineState> {
    const { optimizer } = this.o;
    if (!optimizer) throw new Error('This engine only evaluates.');
    const named = await optimizer.optimizer.getWeights();
    const [iterations, ...slots] = named;
    try {
      return {
        weights: (await this.readWeights()).map((w) => Float32Array.from(w)),
        optimizer: {
          iterations: (await iterations.tensor.data())[0],
          slots: await Promise.all(slots.map(async (slot) => Float32Array.from(await slot.tensor.data()))),
        },
      };
    } finally {
      // saveIterations made a new scalar; the slots are the optimizer's own variables.
      iterations.tensor.dispose();
    }
  }

  syncModel(): void {
    // The model is the engine's own state: nothing to copy.
  }

  async readWeights(): Promise<Float32Array[]> {
    // getWeights gives the variables' own tensors: read, never dispose.
    return (await Promise.all(this.o.model.getWeights().map((w) => w.data()))) as Float32Array[];
  }
}

/** Puts another engine's optimizer state into a fresh tfjs optimizer, slot by slot in getWeights order. */
export async function importOptimizerState(
  optimizer: tf.Optimizer,
  state: OptimizerState,
  trainable: readonly { name: string; shape: number[] }[],
): Promise<void> {
  const n = trainable.length;
  const named = [
    { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') as tf.Tensor },
    ...state.slots.map((values, i) => ({
      name: `${trainable[i % n].name}/carried${Math.floor(i / n)}`,
      tensor: tf.tensor(values, trainable[i % n].shape),
    })),
  ];
  try {
    await optimizer.setWeights(named);
  } finally {
    tf.dispose(named.map((entry) => entry.tensor));
  }
  if (optimizer instanceof tf.AdamOptimizer) stepwiseBetaPowers(optimizer, state.iterations);
}

/**
 * tfjs's Adam keeps beta1^t and beta2^t as running float32 products, one
 * multiplication a step, but its setWeights puts back pow(beta, t + 1),
 * which differs in the last bits: a run continued from a checkpoint would
 * drift from the uninterrupted one by 1e-8. Rebuilt here as the same
 * product, rounded to float32 at each step as the training steps do.
 */
function stepwiseBetaPowers(optimizer: tf.AdamOptimizer, iterations: number): void {
  const own = optimizer as unknown as { beta1: number; beta2: number; accBeta1?: tf.Variable; accBeta2?: tf.Variable };
  if (!own.accBeta1 || !own.accBeta2) return;
  const product = (beta: number) => {
    const factor = Math.fround(beta);
    let acc = factor;
    for (let t = 0; t < iterations; t++) acc = Math.fround(acc * factor);
    return acc;
  };
  tf.tidy(() => {
    own.accBeta1!.assign(tf.scalar(product(own.beta1)));
    own.accBeta2!.assign(tf.scalar(product(own.beta2)));
  });
}

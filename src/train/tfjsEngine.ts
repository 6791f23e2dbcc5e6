// The Engine over a tf.LayersModel and a tfjs optimizer, on whichever tfjs
// backend is active. Results are read back asynchronously (never dataSync:
// it returns zeros on WebGPU), so the loop can queue the next batch first.
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../config/experiment';
import type { Dataset } from '../data/dataset';
import { reseedDropout } from '../model/build';
import type { Engine, HostBatch, StepResult, WeightSnapshot } from './engine';
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
}

export class TfjsEngine implements Engine {
  readonly backend: BackendName;

  constructor(private readonly o: TfjsEngineOptions) {
    this.backend = tf.getBackend() as BackendName;
  }

  private tensor(values: Float32Array, count: number): tf.Tensor {
    return tf.tensor(values, [count, ...this.o.dataset.sampleShape], 'float32');
  }

  trainStep(batch: HostBatch, step: number, poison: boolean): Promise<StepResult> {
    const { model, optimizer, head, weightDecay } = this.o;
    if (!optimizer) throw new Error('This engine only evaluates.');
    const xs = this.tensor(batch.values, batch.count);
    reseedDropout(model, this.o.seed, step);
    const { loss, readout } = tf.tidy(() => {
      const targets = head.targets(batch.labels);
      let readoutTensor: tf.Tensor | null = null;
      const lossScalar = optimizer.optimizer.minimize(() => {
        const outputs = model.apply(xs, { training: true }) as tf.Tensor;
        readoutTensor = tf.keep(head.readout(outputs));
        let total = head.losses(targets, outputs).mean() as tf.Scalar;
        for (const penalty of model.layers.flatMap((layer) => layer.calculateLosses())) total = total.add(penalty);
        if (weightDecay > 0) total = total.add(kernelSquares(model).mul(weightDecay));
        return poison ? total.mul(Number.NaN) : total;
      }, true) as tf.Scalar;
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
    };
  }

  syncModel(): void {
    // The model is the engine's own state: nothing to copy.
  }

  async readWeights(): Promise<Float32Array[]> {
    // getWeights gives the variables' own tensors: read, never dispose.
    return (await Promise.all(this.o.model.getWeights().map((w) => w.data()))) as Float32Array[];
  }
}

// The Engine over the typed-array DenseNet: every step runs synchronously in
// microseconds, with no tfjs at all. It starts from the weights the seeded
// tfjs model was built with, so both engines begin a run identically, and it
// writes its weights back to that model when something else needs them.
import type { LayerSpec, OutputSpec } from '../../../model/spec';
import type { Engine, HostBatch, StepResult, WeightSnapshot } from '../engine';
import { checkState, SLOTS_PER_WEIGHT, type EngineState } from '../engineState';
import type { TargetScale } from '../heads';
import { DenseNet, fusedSupports, zeroParams, type DenseLayerPlan, type Params } from './net';
import { ArrayOptimizer } from './optimizers';

/**
 * The dense plan of a layer stack, or the reason the fused engine cannot
 * train it (convolutions, pooling, dropout above 0, batch norm, image input).
 */
export function densePlan(layers: readonly LayerSpec[], inputShape: number[], output: OutputSpec): DenseLayerPlan[] | string {
  // An image flattened first is a flat input (row-major, as a batch holds it).
  if (inputShape.length !== 1 && layers[0]?.kind !== 'flatten')
    return 'it trains flat inputs only (flatten an image first; no convolutions)';
  const plan: DenseLayerPlan[] = [];
  let inputs = inputShape.reduce((a, b) => a * b, 1);
  for (const layer of layers) {
    switch (layer.kind) {
      case 'dense':
        plan.push({ inputs, units: layer.units, activation: layer.activation, l1: layer.l1 ?? 0, l2: layer.l2 ?? 0 });
        inputs = layer.units;
        break;
      case 'flatten':
        break;
      case 'dropout':
        if (layer.rate > 0) return 'it has no dropout';
        break;
      default:
        return `it has no ${layer.kind} layer`;
    }
  }
  plan.push({ inputs, units: output.units, activation: output.activation, l1: 0, l2: 0 });
  return fusedSupports(plan) ? plan : 'it has no hidden softmax';
}

export interface FusedEngineOptions {
  plan: DenseLayerPlan[];
  task: 'classification' | 'regression';
  /** Regression: targets are standardised with the training split's scale. */
  scale: TargetScale;
  optimizer: ArrayOptimizer;
  weightDecay: number;
  /** Initial weights in tfjs order: kernel `[inputs, units]`, bias, per layer. */
  initial: ArrayLike<number>[];
  /** Receives the weights (same order) when the tfjs model must hold them. */
  writeBack?: (weights: Float32Array[]) => void;
  /** Another engine's weights and optimizer state to continue from (instead of `initial`). */
  state?: EngineState;
  /** Classification: each class's weight in the training loss (absent: all 1). */
  classWeights?: Float32Array;
}

export class FusedEngine implements Engine {
  readonly backend = 'fused' as const;
  readonly synchronous = true;
  readonly net: DenseNet;
  private readonly grads: Params;
  /** Weights and gradients as the optimizer takes them, gathered once (not on every step). */
  private readonly allWeights: Float64Array[];
  private readonly allGrads: Float64Array[];
  private targets = new Float64Array(0);

  constructor(private readonly o: FusedEngineOptions) {
    this.net = new DenseNet(o.plan, o.task === 'classification' ? 'crossentropy' : 'mse');
    this.grads = zeroParams(o.plan);
    o.plan.forEach((_, l) => {
      this.net.params.kernels[l].set(o.initial[2 * l]);
      this.net.params.biases[l].set(o.initial[2 * l + 1]);
    });
    this.allWeights = [...this.net.params.kernels, ...this.net.params.biases];
    this.allGrads = [...this.grads.kernels, ...this.grads.biases];
    if (o.state) this.importState(o.state);
  }

  /** Where tfjs's weight `t` (kernel, bias per layer) sits in `allWeights` (every kernel, then every bias). */
  private own(t: number): number {
    return t % 2 === 0 ? t / 2 : this.o.plan.length + (t - 1) / 2;
  }

  private importState(state: EngineState): void {
    const sizes = this.o.plan.flatMap((_, l) => [this.net.params.kernels[l].length, this.net.params.biases[l].length]);
    const { optimizer } = this.o;
    checkState(state, optimizer.name, sizes, sizes);
    this.writeWeights(state.weights);
    const n = sizes.length;
    const kinds = SLOTS_PER_WEIGHT[optimizer.name] ?? 0;
    const slots = Array.from({ length: kinds }, (_, kind) => {
      const own: Float64Array[] = new Array(n);
      for (let t = 0; t < n; t++) own[this.own(t)] = Float64Array.from(state.optimizer.slots[kind * n + t]);
      return own;
    });
    optimizer.restore(
      state.optimizer.iterations,
      slots,
      this.allWeights.map((w) => w.length),
    );
  }

  /** The weights and optimizer state in tfjs order, for another engine to continue from. */
  exportState(): Promise<EngineState> {
    const { optimizer } = this.o;
    const kinds = SLOTS_PER_WEIGHT[optimizer.name];
    if (kinds === null) return Promise.reject(new Error(`${optimizer.name}'s state cannot be carried`));
    const n = this.allWeights.length;
    const own = optimizer.slots(kinds);
    const slots: Float32Array[] = [];
    for (let kind = 0; kind < kinds; kind++) {
      for (let t = 0; t < n; t++)
        slots.push(own[kind] ? Float32Array.from(own[kind][this.own(t)]) : new Float32Array(this.allWeights[this.own(t)].length));
    }
    return Promise.resolve({ weights: this.weights(), optimizer: { iterations: optimizer.iterations, slots } });
  }

  writeWeights(weights: Float32Array[]): void {
    this.o.plan.forEach((_, l) => {
      this.net.params.kernels[l].set(weights[2 * l]);
      this.net.params.biases[l].set(weights[2 * l + 1]);
    });
  }

  /** Labels as the net trains on them: class indices, or standardised targets. */
  standardised(labels: Float32Array): ArrayLike<number> {
    if (this.o.task === 'classification') return labels;
    if (this.targets.length < labels.length) this.targets = new Float64Array(labels.length);
    const { mean, std } = this.o.scale;
    for (let i = 0; i < labels.length; i++) this.targets[i] = (labels[i] - mean) / std;
    return this.targets;
  }

  private readout(outputs: Float64Array, count: number): Float32Array {
    const units = this.net.outputs;
    const readout = new Float32Array(count);
    for (let r = 0; r < count; r++) {
      if (this.o.task === 'regression') {
        readout[r] = outputs[r];
        continue;
      }
      let best = 0;
      for (let j = 1; j < units; j++) if (outputs[r * units + j] > outputs[r * units + best]) best = j;
      readout[r] = best;
    }
    return readout;
  }

  /** One step, done when it returns (the engine benchmark calls this directly). */
  trainStepNow(batch: HostBatch): StepResult {
    const { net, grads } = this;
    const loss = net.gradients(batch.values, this.standardised(batch.labels), batch.count, this.o.weightDecay, grads, this.o.classWeights);
    // The readout is of the weights before the update, as in tfjs's minimize.
    const readout = this.readout(net.lastOutputs(), batch.count);
    this.o.optimizer.step(this.allWeights, this.allGrads);
    return { loss, readout };
  }

  trainStep(batch: HostBatch, _step: number): Promise<StepResult> {
    return Promise.resolve(this.trainStepNow(batch));
  }

  evaluate(batch: HostBatch): Promise<{ lossSum: number; readout: ArrayLike<number> }> {
    const outputs = this.net.forward(batch.values, batch.count);
    const targets = this.standardised(batch.labels);
    let lossSum = 0;
    for (let r = 0; r < batch.count; r++) lossSum += this.net.sampleLoss(r, targets[r]);
    return Promise.resolve({ lossSum, readout: this.readout(outputs, batch.count) });
  }

  predict(values: Float32Array, count: number): Promise<Float32Array> {
    return Promise.resolve(Float32Array.from(this.net.forward(values, count)));
  }

  setLearningRate(learningRate: number): void {
    this.o.optimizer.learningRate = learningRate;
  }

  /** The weights in tfjs order (kernel, bias per layer), as float32. */
  weights(): Float32Array[] {
    return this.o.plan.flatMap((_, l) => [Float32Array.from(this.net.params.kernels[l]), Float32Array.from(this.net.params.biases[l])]);
  }

  snapshot(): WeightSnapshot {
    const { kernels, biases } = this.net.params;
    const copy = { kernels: kernels.map((k) => k.slice()), biases: biases.map((b) => b.slice()) };
    return {
      restore: () => {
        copy.kernels.forEach((k, l) => kernels[l].set(k));
        copy.biases.forEach((b, l) => biases[l].set(b));
      },
      dispose: () => undefined,
      read: () => Promise.resolve(copy.kernels.flatMap((k, l) => [Float32Array.from(k), Float32Array.from(copy.biases[l])])),
    };
  }

  readWeights(): Promise<Float32Array[]> {
    return Promise.resolve(this.weights());
  }

  syncModel(): void {
    this.o.writeBack?.(this.weights());
  }
}

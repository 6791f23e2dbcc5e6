// A dense network on plain typed arrays: forward pass, backpropagation and
// the loss, with no tfjs. On tiny nets (TensorFlow Playground's 2-8-8-1)
// tfjs spends ~1 ms per step in per-operation overhead; this runs the same
// maths in microseconds. It follows tfjs's definitions exactly (clipped
// cross-entropy, LeakyReLU alpha 0.2, ELU's gradient from its output, the
// sign of |w|'s gradient at 0), so tests can hold it to tfjs within 1e-5.
// No imports beyond plain types: it runs in the worker and under Node alike.
import type { Activation } from '../../../model/spec';

/** One dense layer: kernel `[inputs, units]` row-major, bias `[units]`. */
export interface DenseLayerPlan {
  inputs: number;
  units: number;
  activation: Activation;
  /** Kernel penalties, as tf.regularizers.l1l2 (0 = off). */
  l1: number;
  l2: number;
}

export type FusedLoss = 'crossentropy' | 'mse';

/** The tfjs-layers epsilon: cross-entropy clips probabilities to [EPSILON, 1 - EPSILON]. */
const EPSILON = 1e-7;
const LEAKY_ALPHA = 0.2;

/** Weights and gradients share this shape: one kernel and one bias per layer. */
export interface Params {
  kernels: Float64Array[];
  biases: Float64Array[];
}

export function zeroParams(plan: readonly DenseLayerPlan[]): Params {
  return {
    kernels: plan.map((l) => new Float64Array(l.inputs * l.units)),
    biases: plan.map((l) => new Float64Array(l.units)),
  };
}

/** a = f(z) for `rows` samples of `units` each (softmax per row). */
export function activate(z: Float64Array, a: Float64Array, rows: number, units: number, activation: Activation): void {
  const n = rows * units;
  switch (activation) {
    case 'relu':
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : 0;
      return;
    case 'leakyRelu':
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : LEAKY_ALPHA * z[i];
      return;
    case 'elu':
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : Math.exp(z[i]) - 1;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) a[i] = 1 / (1 + Math.exp(-z[i]));
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]);
      return;
    case 'linear':
      a.set(z.subarray(0, n));
      return;
    case 'softmax':
      for (let r = 0; r < rows; r++) {
        const o = r * units;
        let max = -Infinity;
        for (let j = 0; j < units; j++) max = Math.max(max, z[o + j]);
        let sum = 0;
        for (let j = 0; j < units; j++) sum += a[o + j] = Math.exp(z[o + j] - max);
        for (let j = 0; j < units; j++) a[o + j] /= sum;
      }
      return;
  }
}

/** dz = da * f'(z), in place on `delta`; softmax is only an output, handled by the loss. */
function activationGrad(delta: Float64Array, z: Float64Array, a: Float64Array, n: number, activation: Activation): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < n; i++) if (!(z[i] > 0)) delta[i] = 0;
      return;
    case 'leakyRelu':
      for (let i = 0; i < n; i++) if (!(z[i] > 0)) delta[i] *= LEAKY_ALPHA;
      return;
    case 'elu':
      for (let i = 0; i < n; i++) if (a[i] < 0) delta[i] *= a[i] + 1;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) delta[i] *= a[i] * (1 - a[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) delta[i] *= 1 - a[i] * a[i];
      return;
    case 'linear':
      return;
    case 'softmax':
      throw new Error('softmax is only supported as the output of the fused engine');
  }
}

/** Layer stacks the fused engine can train: dense layers, any activation but a hidden softmax. */
export function fusedSupports(plan: readonly DenseLayerPlan[]): boolean {
  return plan.length > 0 && plan.slice(0, -1).every((l) => l.activation !== 'softmax');
}

/**
 * The network's working memory for batches of up to `capacity` rows:
 * pre-activations and activations per layer, allocated once.
 */
export class DenseNet {
  readonly params: Params;
  private capacity = 0;
  private z: Float64Array[] = [];
  private a: Float64Array[] = [];
  private delta: Float64Array[] = [];

  constructor(
    readonly plan: readonly DenseLayerPlan[],
    readonly loss: FusedLoss,
  ) {
    if (!fusedSupports(plan)) throw new Error('The fused engine trains dense stacks without a hidden softmax.');
    this.params = zeroParams(plan);
  }

  get inputs(): number {
    return this.plan[0].inputs;
  }

  get outputs(): number {
    return this.plan[this.plan.length - 1].units;
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    this.capacity = rows;
    this.z = this.plan.map((l) => new Float64Array(rows * l.units));
    this.a = this.plan.map((l) => new Float64Array(rows * l.units));
    this.delta = this.plan.map((l) => new Float64Array(rows * l.units));
  }

  /** Outputs `[rows, outputs]` for inputs `[rows, inputs]` (a view that the next call overwrites). */
  forward(x: ArrayLike<number>, rows: number): Float64Array {
    this.ensure(rows);
    let input: ArrayLike<number> = x;
    for (let l = 0; l < this.plan.length; l++) {
      const { inputs, units, activation } = this.plan[l];
      const w = this.params.kernels[l];
      const b = this.params.biases[l];
      const z = this.z[l];
      for (let r = 0; r < rows; r++) {
        const zo = r * units;
        const xo = r * inputs;
        for (let j = 0; j < units; j++) z[zo + j] = b[j];
        for (let i = 0; i < inputs; i++) {
          const xi = input[xo + i];
          if (xi === 0) continue;
          const wo = i * units;
          for (let j = 0; j < units; j++) z[zo + j] += xi * w[wo + j];
        }
      }
      activate(z, this.a[l], rows, units, activation);
      input = this.a[l];
    }
    return this.a[this.plan.length - 1].subarray(0, rows * this.outputs);
  }

  /** The outputs of the latest forward pass, `[rows, outputs]`. */
  lastOutputs(): Float64Array {
    return this.a[this.plan.length - 1];
  }

  /** Per-sample loss of the outputs of the last forward(): clipped cross-entropy, or squared error. */
  sampleLoss(row: number, target: number): number {
    const units = this.outputs;
    const out = this.a[this.plan.length - 1];
    if (this.loss === 'crossentropy') {
      let sum = 0;
      for (let j = 0; j < units; j++) sum += out[row * units + j];
      const p = Math.min(Math.max(out[row * units + target] / sum, EPSILON), 1 - EPSILON);
      return -Math.log(p);
    }
    const d = out[row * units] - target;
    return d * d;
  }

  /** Penalty of the kernels: each layer's l1/l2 plus `weightDecay` on every kernel. */
  penalty(weightDecay: number): number {
    let total = 0;
    this.plan.forEach(({ l1, l2 }, l) => {
      const w = this.params.kernels[l];
      let abs = 0;
      let squares = 0;
      for (let i = 0; i < w.length; i++) {
        abs += Math.abs(w[i]);
        squares += w[i] * w[i];
      }
      if (l1 !== 0) total += l1 * abs;
      if (l2 !== 0) total += l2 * squares;
      if (weightDecay > 0) total += weightDecay * squares;
    });
    return total;
  }

  /**
   * Forward and backward pass on one batch: fills `grads` with the gradient
   * of mean(loss) + penalty and returns that total loss. `targets` holds
   * class indices (cross-entropy) or standardised values (MSE).
   * `classWeights` (cross-entropy) multiplies each sample's loss by its
   * class's weight; the mean still divides by the batch, as Keras does.
   */
  gradients(
    x: ArrayLike<number>,
    targets: ArrayLike<number>,
    rows: number,
    weightDecay: number,
    grads: Params,
    classWeights?: ArrayLike<number>,
  ): number {
    this.forward(x, rows);
    const last = this.plan.length - 1;
    const units = this.outputs;
    const out = this.a[last];
    const top = this.delta[last];
    let lossSum = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * units;
      if (this.loss === 'crossentropy') {
        const y = targets[r];
        const weight = classWeights ? classWeights[y] : 1;
        let sum = 0;
        for (let j = 0; j < units; j++) sum += out[o + j];
        const q = out[o + y] / sum;
        lossSum += -weight * Math.log(Math.min(Math.max(q, EPSILON), 1 - EPSILON));
        // The clip passes no gradient outside [eps, 1 - eps] (tfjs clipByValue is inclusive).
        const inRange = q >= EPSILON && q <= 1 - EPSILON;
        for (let j = 0; j < units; j++) top[o + j] = inRange ? (weight * (out[o + j] - (j === y ? 1 : 0))) / rows : 0;
      } else {
        for (let j = 0; j < units; j++) {
          const d = out[o + j] - targets[r];
          lossSum += (d * d) / units;
          top[o + j] = (2 * d) / (units * rows);
        }
      }
    }
    // A linear / softmax output: `top` is already dL/dz.
    if (this.plan[last].activation !== 'softmax' && this.plan[last].activation !== 'linear') {
      activationGrad(top, this.z[last], out, rows * units, this.plan[last].activation);
    }
    for (let l = last; l >= 0; l--) {
      const { inputs, units: n, l1, l2 } = this.plan[l];
      const input: ArrayLike<number> = l === 0 ? x : this.a[l - 1];
      const delta = this.delta[l];
      const gw = grads.kernels[l];
      const gb = grads.biases[l];
      const w = this.params.kernels[l];
      gw.fill(0);
      gb.fill(0);
      for (let r = 0; r < rows; r++) {
        const d = r * n;
        const xo = r * inputs;
        for (let j = 0; j < n; j++) gb[j] += delta[d + j];
        for (let i = 0; i < inputs; i++) {
          const xi = input[xo + i];
          if (xi === 0) continue;
          const wo = i * n;
          for (let j = 0; j < n; j++) gw[wo + j] += xi * delta[d + j];
        }
      }
      const decay = 2 * (l2 + weightDecay);
      if (l1 !== 0 || decay !== 0) {
        // tfjs's |w| gradient is step(w, -1): +1 above 0, -1 at and below 0.
        for (let i = 0; i < w.length; i++) gw[i] += (l1 !== 0 ? l1 * (w[i] > 0 ? 1 : -1) : 0) + decay * w[i];
      }
      if (l === 0) break;
      const below = this.delta[l - 1];
      for (let r = 0; r < rows; r++) {
        const d = r * n;
        const bo = r * inputs;
        for (let i = 0; i < inputs; i++) {
          const wo = i * n;
          let s = 0;
          for (let j = 0; j < n; j++) s += w[wo + j] * delta[d + j];
          below[bo + i] = s;
        }
      }
      activationGrad(below, this.z[l - 1], this.a[l - 1], rows * inputs, this.plan[l - 1].activation);
    }
    return lossSum / rows + this.penalty(weightDecay);
  }
}

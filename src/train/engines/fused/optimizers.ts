// The seven optimizers on plain arrays, each written as tfjs 4.22 computes
// its update (and Adadelta as Zeiler defines it, like train/adadelta.ts), so
// the fused engine follows the same trajectory as a tfjs model.
import type { OptimizerName } from '../../../config/experiment';
import type { OptimizerParams } from '../../../config/optimizerParams';

/** tfjs's CPU/WASM backend epsilon, which Adagrad adds under its root. */
const BACKEND_EPSILON = 1e-7;

/** Updates weight arrays in place from their gradients; one `step()` per batch. */
export class ArrayOptimizer {
  private slotsA: Float64Array[] = [];
  private slotsB: Float64Array[] = [];
  /**
   * beta1^t and beta2^t, kept in float32 as tfjs keeps them (its accBeta
   * scalars): 1 - 0.999^t loses digits in float32, and a run must follow
   * tfjs's trajectory, not a more exact one.
   */
  private accBeta1 = 1;
  private accBeta2 = 1;
  /** Steps taken (tfjs's `iterations`). */
  iterations = 0;

  constructor(
    readonly name: OptimizerName,
    public learningRate: number,
    private readonly p: OptimizerParams,
  ) {}

  /** Applies one update to every (weights, gradient) pair. */
  step(weights: Float64Array[], grads: Float64Array[]): void {
    if (this.slotsA.length === 0) {
      const start = this.name === 'adagrad' ? this.p.initialAccumulator : 0;
      this.slotsA = weights.map((w) => new Float64Array(w.length).fill(start));
      this.slotsB = weights.map((w) => new Float64Array(w.length));
    }
    const f = Math.fround;
    this.iterations++;
    this.accBeta1 = f(this.accBeta1 * f(this.p.beta1));
    this.accBeta2 = f(this.accBeta2 * f(this.p.beta2));
    const lr = this.learningRate;
    const { momentum, beta1, beta2, rho, epsilon } = this.p;
    for (let k = 0; k < weights.length; k++) {
      const w = weights[k];
      const g = grads[k];
      const a = this.slotsA[k];
      const b = this.slotsB[k];
      const n = w.length;
      switch (this.name) {
        case 'sgd':
          for (let i = 0; i < n; i++) w[i] -= lr * g[i];
          break;
        case 'momentum':
          for (let i = 0; i < n; i++) {
            a[i] = momentum * a[i] + g[i];
            w[i] -= lr * a[i];
          }
          break;
        case 'adam': {
          const c1 = f(1 - this.accBeta1);
          const c2 = f(1 - this.accBeta2);
          for (let i = 0; i < n; i++) {
            a[i] = beta1 * a[i] + (1 - beta1) * g[i];
            b[i] = beta2 * b[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= (lr * (a[i] / c1)) / (Math.sqrt(b[i] / c2) + epsilon);
          }
          break;
        }
        case 'rmsprop':
          for (let i = 0; i < n; i++) {
            a[i] = rho * a[i] + (1 - rho) * g[i] * g[i];
            b[i] = momentum * b[i] + (lr * g[i]) / Math.sqrt(a[i] + epsilon);
            w[i] -= b[i];
          }
          break;
        case 'adadelta':
          for (let i = 0; i < n; i++) {
            a[i] = rho * a[i] + (1 - rho) * g[i] * g[i];
            const dx = (-Math.sqrt(b[i] + epsilon) / Math.sqrt(a[i] + epsilon)) * g[i];
            b[i] = rho * b[i] + (1 - rho) * dx * dx;
            w[i] += lr * dx;
          }
          break;
        case 'adamax': {
          const scale = lr / f(1 - this.accBeta1);
          for (let i = 0; i < n; i++) {
            a[i] = beta1 * a[i] + (1 - beta1) * g[i];
            b[i] = Math.max(beta2 * b[i], Math.abs(g[i]));
            w[i] -= scale * (a[i] / (b[i] + epsilon));
          }
          break;
        }
        case 'adagrad':
          for (let i = 0; i < n; i++) {
            a[i] += g[i] * g[i];
            w[i] -= (lr * g[i]) / Math.sqrt(a[i] + BACKEND_EPSILON);
          }
          break;
      }
    }
  }

  /** The first `count` slot kinds (A, then B), one array per weight; empty before the first step. */
  slots(count: number): Float64Array[][] {
    if (this.slotsA.length === 0) return [];
    return [this.slotsA, this.slotsB].slice(0, count);
  }

  /**
   * Continues from another engine's state: `iterations` steps taken and the
   * slot kinds (A, then B) per weight. tfjs derives beta^t from the step
   * count; here it is the float32 product, as if the steps had run here.
   */
  restore(iterations: number, slots: Float64Array[][], sizes: number[]): void {
    const start = this.name === 'adagrad' ? this.p.initialAccumulator : 0;
    this.slotsA = slots[0] ?? sizes.map((n) => new Float64Array(n).fill(start));
    this.slotsB = slots[1] ?? sizes.map((n) => new Float64Array(n));
    this.iterations = iterations;
    const f = Math.fround;
    this.accBeta1 = 1;
    this.accBeta2 = 1;
    for (let t = 0; t < iterations; t++) {
      this.accBeta1 = f(this.accBeta1 * f(this.p.beta1));
      this.accBeta2 = f(this.accBeta2 * f(this.p.beta2));
    }
  }
}

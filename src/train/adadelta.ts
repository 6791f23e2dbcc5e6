import * as tf from '@tensorflow/tfjs';

/**
 * Adadelta as Zeiler (2012) defines it. tfjs 4.22's own AdadeltaOptimizer
 * divides by the previous squared-gradient average instead of the updated
 * one, so its first step is a full gradient step; this one uses the updated
 * average:
 *   Eg²  ← ρ·Eg² + (1-ρ)·g²
 *   Δx   = -√(EΔx² + ε) / √(Eg² + ε) · g
 *   EΔx² ← ρ·EΔx² + (1-ρ)·Δx²
 *   x    ← x + lr·Δx
 */
export class ZeilerAdadelta extends tf.Optimizer {
  static get className(): string {
    return 'ZeilerAdadelta';
  }

  private readonly slots = new Map<string, { grad: tf.Variable; update: tf.Variable }>();

  constructor(
    public learningRate: number,
    private readonly rho = 0.95,
    private readonly epsilon = 1e-7,
  ) {
    super();
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const entries: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map((item) => [item.name, item.tensor])
      : Object.entries(variableGradients);
    for (const [name, gradient] of entries) {
      if (gradient == null) continue;
      const value = tf.engine().registeredVariables[name];
      let slot = this.slots.get(name);
      if (!slot) {
        slot = {
          grad: tf.tidy(() => tf.zerosLike(value).variable(false)),
          update: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        this.slots.set(name, slot);
      }
      const { grad, update } = slot;
      tf.tidy(() => {
        const newGrad = grad.mul(this.rho).add(gradient.square().mul(1 - this.rho));
        const delta = update.add(this.epsilon).sqrt().div(newGrad.add(this.epsilon).sqrt()).mul(gradient).neg();
        update.assign(update.mul(this.rho).add(delta.square().mul(1 - this.rho)));
        grad.assign(newGrad);
        value.assign(value.add(delta.mul(this.learningRate)));
      });
    }
    this.incrementIterations();
  }

  override dispose(): void {
    for (const { grad, update } of this.slots.values()) {
      grad.dispose();
      update.dispose();
    }
    this.slots.clear();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }
}

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
  /** Slots carried from another engine (setWeights), taken by position as the variables first appear. */
  private carried: { grad: tf.Variable; update: tf.Variable }[] = [];

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
      if (!slot && this.carried.length > 0) {
        slot = this.carried.shift()!;
        this.slots.set(name, slot);
      }
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
    for (const { grad, update } of [...this.slots.values(), ...this.carried]) {
      grad.dispose();
      update.dispose();
    }
    this.slots.clear();
    this.carried = [];
  }

  /** tfjs's layout: the step count, every squared-gradient average, then every squared-update average. */
  override async getWeights(): Promise<{ name: string; tensor: tf.Tensor }[]> {
    const slots = [...this.slots.entries()];
    return [
      await this.saveIterations(),
      ...slots.map(([name, slot]) => ({ name: `${name}/accum_grad`, tensor: slot.grad })),
      ...slots.map(([name, slot]) => ({ name: `${name}/accum_var`, tensor: slot.update })),
    ];
  }

  override async setWeights(weightValues: { name: string; tensor: tf.Tensor }[]): Promise<void> {
    const values = await this.extractIterations(weightValues);
    const half = values.length / 2;
    this.carried = values
      .slice(0, half)
      .map((entry, i) => ({ grad: entry.tensor.variable(false), update: values[half + i].tensor.variable(false) }));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }
}

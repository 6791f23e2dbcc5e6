// Divergence that never reaches NaN: a loss that explodes, or that sits above
// what a model that has learned nothing would score. Pure, so the loop can
// watch every batch and tests can feed it numbers.

/** Batches per window the verdict looks at. */
export const DIVERGENCE_WINDOW = 20;
/** A window must stay this far above the untrained loss to count as stuck. */
const ABOVE_UNTRAINED = 1.5;
/** A window this many times its best earlier window, and above the untrained loss, is exploding. */
const EXPLOSION = 10;
/** Watch only after this many steps: the first batches of a run are noisy. */
const MIN_STEPS = 2 * DIVERGENCE_WINDOW;

export type DivergenceKind = 'exploding' | 'stuck-high';

export interface Divergence {
  kind: DivergenceKind;
  step: number;
  /** Mean training loss of the latest window. */
  loss: number;
  /** The untrained model's loss: ln(classes) for classification, 1 for standardised regression. */
  untrained: number;
}

/** The loss of a model that predicts the class frequencies uniformly (or the mean target). */
export function untrainedLoss(task: 'classification' | 'regression', classes: number): number {
  return task === 'classification' ? Math.log(Math.max(classes, 2)) : 1;
}

/** Watches batch losses; `add` returns a verdict the first time the run looks divergent, then null. */
export class DivergenceWatch {
  private window: number[] = [];
  private best = Infinity;
  private reported = false;

  constructor(private readonly untrained: number) {}

  add(step: number, loss: number): Divergence | null {
    this.window.push(loss);
    if (this.window.length < DIVERGENCE_WINDOW) return null;
    const mean = this.window.reduce((a, b) => a + b, 0) / this.window.length;
    this.window = [];
    const previousBest = this.best;
    this.best = Math.min(this.best, mean);
    if (this.reported || step < MIN_STEPS) return null;
    let kind: DivergenceKind | null = null;
    if (mean > this.untrained * ABOVE_UNTRAINED) kind = 'stuck-high';
    if (mean > this.untrained && Number.isFinite(previousBest) && mean > previousBest * EXPLOSION) kind = 'exploding';
    if (!kind) return null;
    this.reported = true;
    return { kind, step, loss: mean, untrained: this.untrained };
  }
}

/** The verdict in plain words, with what to try. */
export function divergenceAdvice(d: Divergence, optimizer: string, learningRate: number, usualRate: number): string {
  const what =
    d.kind === 'exploding'
      ? `The training loss is exploding: ${d.loss.toFixed(2)} around step ${d.step}, over ${EXPLOSION} times its best so far.`
      : `The training loss is ${d.loss.toFixed(2)} around step ${d.step}, above the ${d.untrained.toFixed(2)} of a model that has learned nothing: the model is not learning.`;
  // Adam is the usual cure for a rate that does not suit; a run already on Adam is not told to switch to it.
  const onAdam = optimizer === 'Adam';
  const advice =
    learningRate > usualRate * 3
      ? ` The learning rate ${learningRate} is high for ${optimizer} (it usually works near ${usualRate}): lower it${onAdam ? '' : ', or switch to Adam'}.`
      : onAdam
        ? ' Try a lower learning rate or a smaller model.'
        : ' Try a lower learning rate, a smaller model, or Adam.';
  return what + advice;
}

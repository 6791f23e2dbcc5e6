// What a run carries from one engine to another when auto switches backend
// mid-run: the weights and the optimizer's state, in tfjs's own order, so a
// tfjs optimizer's getWeights/setWeights and the fused engine's arrays read
// and write the same layout.
import type { OptimizerName } from '../../config/experiment';

/**
 * An optimizer's state: the steps taken, and its slot arrays in the order
 * tfjs's `getWeights()` lists them (slot-major: every weight's first slot,
 * then every weight's second), each slot shaped like its weight.
 */
export interface OptimizerState {
  iterations: number;
  slots: Float32Array[];
}

/** Weights in tfjs order (kernel, bias, … per layer) and the optimizer's state. */
export interface EngineState {
  weights: Float32Array[];
  optimizer: OptimizerState;
}

/**
 * Slot arrays per trainable weight, as tfjs 4.22 and the fused engine keep
 * them (momentum: accumulation; Adam: m, v; RMSprop: mean square, moment;
 * Adadelta: squared-gradient and squared-update averages; Adagrad: sum of
 * squares). Null: tfjs cannot read or write this optimizer's state
 * (its Adamax throws "getWeights() is not implemented").
 */
export const SLOTS_PER_WEIGHT: Record<OptimizerName, number | null> = {
  sgd: 0,
  momentum: 1,
  adam: 2,
  rmsprop: 2,
  adadelta: 2,
  adamax: null,
  adagrad: 1,
};

/** Why `optimizer`'s state cannot be carried to another engine, or null when it can. */
export function carryObstacle(optimizer: OptimizerName): string | null {
  return SLOTS_PER_WEIGHT[optimizer] === null
    ? "tfjs 4.22 cannot read or write Adamax's state, so a run on Adamax stays on its first backend"
    : null;
}

/**
 * Checks that `state` has one array per weight (`weightSizes`, every weight
 * the model has) and per slot of each trainable weight (`trainableSizes`),
 * each of its weight's size; throws what does not fit.
 */
export function checkState(state: EngineState, optimizer: OptimizerName, weightSizes: number[], trainableSizes: number[]): void {
  const perWeight = SLOTS_PER_WEIGHT[optimizer];
  if (perWeight === null) throw new Error(carryObstacle(optimizer) ?? 'no state');
  if (state.weights.length !== weightSizes.length || state.weights.some((w, k) => w.length !== weightSizes[k]))
    throw new Error('the carried weights do not fit the model');
  const n = trainableSizes.length;
  if (state.optimizer.slots.length !== perWeight * n)
    throw new Error(`the carried optimizer state has ${state.optimizer.slots.length} arrays, not ${perWeight * n}`);
  if (state.optimizer.slots.some((s, i) => s.length !== trainableSizes[i % n]))
    throw new Error('the carried optimizer state does not fit the model');
}

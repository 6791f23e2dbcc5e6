// The main parameters of each optimizer: which ones it takes, their Keras
// defaults, and their bounds. Plain data, shared by the settings form, the
// URL codec and the worker.
/** The optimizers a run can use (Keras names, plus SGD with momentum). */
export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop', 'adadelta', 'adamax', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimizerParams {
  /** SGD with momentum, RMSprop: fraction of the previous update kept. */
  momentum: number;
  /** Adam, Adamax: decay of the first and second moment estimates. */
  beta1: number;
  beta2: number;
  /** RMSprop, Adadelta: decay of the squared-gradient average. */
  rho: number;
  /** Adam, Adamax, RMSprop, Adadelta: added to denominators. */
  epsilon: number;
  /** Adagrad: starting value of the squared-gradient sum. */
  initialAccumulator: number;
}

export type OptimizerParam = keyof OptimizerParams;

/** The parameters each optimizer uses, in the order the form shows them. */
export const OPTIMIZER_PARAMS: Record<OptimizerName, readonly OptimizerParam[]> = {
  sgd: [],
  momentum: ['momentum'],
  adam: ['beta1', 'beta2', 'epsilon'],
  rmsprop: ['rho', 'momentum', 'epsilon'],
  adadelta: ['rho', 'epsilon'],
  adamax: ['beta1', 'beta2', 'epsilon'],
  adagrad: ['initialAccumulator'],
};

/** Each optimizer's name as people write it. */
export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'SGD with momentum',
  adam: 'Adam',
  rmsprop: 'RMSprop',
  adadelta: 'Adadelta',
  adamax: 'Adamax',
  adagrad: 'Adagrad',
};

export const OPTIMIZER_PARAM_LABELS: Record<OptimizerParam, string> = {
  momentum: 'Momentum',
  beta1: 'Beta 1',
  beta2: 'Beta 2',
  rho: 'Rho',
  epsilon: 'Epsilon',
  initialAccumulator: 'Initial accumulator',
};

/** Keras's defaults (Adadelta's rho is 0.95, RMSprop's 0.9; Adagrad starts at 0.1). */
export function defaultOptimizerParams(name: OptimizerName): OptimizerParams {
  return {
    momentum: name === 'rmsprop' ? 0 : 0.9,
    beta1: 0.9,
    beta2: 0.999,
    rho: name === 'adadelta' ? 0.95 : 0.9,
    epsilon: 1e-7,
    initialAccumulator: 0.1,
  };
}

/**
 * A learning rate each optimizer usually works with, so that switching to
 * SGD or Adadelta does not look broken at Adam's 0.001 (Adadelta is
 * Zeiler's, scaled by the rate: 1 is its own setting).
 */
export const USUAL_LEARNING_RATE: Record<OptimizerName, number> = {
  sgd: 0.1,
  momentum: 0.01,
  adam: 0.001,
  rmsprop: 0.001,
  adadelta: 1,
  adamax: 0.002,
  adagrad: 0.05,
};

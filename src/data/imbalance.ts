// Class imbalance, made on purpose: keep only a share of one class (a rare
// class), or of every class but one (a majority class), in the training
// split and optionally the validation split; and class weights that make a
// rare class's misses cost as much as the common ones (Keras's
// `class_weight`). Pure and seeded.
import { createRng, deriveSeed, shuffleInPlace } from '../lib/rng';
import { indicesByClass } from './split';

export type ImbalanceMode = 'off' | 'one' | 'all-but-one';

export interface ImbalanceSettings {
  mode: ImbalanceMode;
  /** The class the knob is about: the rare one ('one'), or the one kept whole ('all-but-one'). */
  classIndex: number;
  /** The share of the reduced classes' samples that is kept, in (0, 1]. */
  share: number;
  /** Reduce the validation split the same way (else it stays as it was, balanced). */
  validation: boolean;
}

/** The knob's settings as an experiment holds them. */
export function imbalanceSettings(config: {
  imbalance: ImbalanceMode;
  imbalanceClass: number;
  imbalanceShare: number;
  imbalanceValidation: boolean;
}): ImbalanceSettings {
  return {
    mode: config.imbalance,
    classIndex: config.imbalanceClass,
    share: config.imbalanceShare,
    validation: config.imbalanceValidation,
  };
}

/** Whether class `label` is one the knob reduces. */
export function isReduced(settings: ImbalanceSettings, label: number): boolean {
  if (settings.mode === 'one') return label === settings.classIndex;
  if (settings.mode === 'all-but-one') return label !== settings.classIndex;
  return false;
}

/**
 * The indices kept: every sample of a class the knob leaves alone, and a
 * seeded `share` (at least one) of each class it reduces. Order is kept.
 */
export function imbalancedIndices(
  labels: ArrayLike<number>,
  indices: Uint32Array,
  settings: ImbalanceSettings,
  seed: number,
  salt = 'train',
): Uint32Array {
  if (settings.mode === 'off' || settings.share >= 1) return indices;
  const rng = createRng(deriveSeed(seed, `imbalance-${salt}`));
  const dropped = new Set<number>();
  for (const [label, group] of indicesByClass(labels, indices)) {
    if (!isReduced(settings, label)) continue;
    const members = shuffleInPlace(group, rng);
    const keep = Math.max(1, Math.round(members.length * settings.share));
    for (const i of members.slice(keep)) dropped.add(i);
  }
  return indices.filter((i) => !dropped.has(i));
}

/** Samples of each class among `indices`. */
export function classCounts(labels: ArrayLike<number>, indices: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let k = 0; k < indices.length; k++) counts[labels[indices[k]]]++;
  return counts;
}

/**
 * Balanced class weights, as scikit-learn and Keras compute them:
 * n / (classes present * n_c), so every class weighs the same in the loss
 * in all. A class with no samples gets weight 1 (it never occurs).
 */
export function balancedClassWeights(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? total / (present * c) : 1));
}

/** The largest weight a class may be given by hand. */
export const MAX_CLASS_WEIGHT = 1000;

/** The entries of a weights list: split at commas (an empty entry kept in its place), or at spaces when it has none. */
export function classWeightCells(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  return (trimmed.includes(',') ? trimmed.split(',') : trimmed.split(/\s+/)).map((part) => part.trim());
}

/**
 * Class weights set by hand: one number per class, in class order,
 * separated by commas or spaces ("1, 1, 5"); each from 0 to 1000, and not
 * all 0. Returns the weights, or a sentence saying what is wrong, naming
 * the classes.
 */
export function parseClassWeights(text: string, classes: readonly string[]): number[] | string {
  const parts = classWeightCells(text);
  if (parts.length !== classes.length)
    return `Class weights by hand need one number per class, in class order (${classes.join(', ')}): ${classes.length} numbers, not ${parts.length}.`;
  const weights: number[] = [];
  for (const [c, part] of parts.entries()) {
    const weight = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(part) ? Number(part) : NaN;
    if (!(weight >= 0 && weight <= MAX_CLASS_WEIGHT))
      return `The class weight of ${classes[c]} must be a number from 0 to ${MAX_CLASS_WEIGHT}, not “${part.slice(0, 20)}”.`;
    weights.push(weight);
  }
  if (weights.every((w) => w === 0)) return 'Class weights by hand cannot all be 0: nothing would be learned.';
  return weights;
}

/**
 * Why the class knobs (the imbalance knob's class, weights set by hand)
 * cannot apply to data with these classes, or null when they can. The page
 * asks before it starts a run (so a refused run loses nothing), and the
 * worker asks again on the data it loaded.
 */
export function classKnobsRefusal(
  config: { imbalance: ImbalanceMode; imbalanceClass: number; classWeights: string; classWeightValues: string },
  task: 'classification' | 'regression',
  classes: readonly string[],
): string | null {
  if (config.imbalance !== 'off') {
    if (task !== 'classification') return 'Class imbalance needs classes: this data set is a regression. Switch it off.';
    if (config.imbalanceClass >= classes.length)
      return `Class imbalance names class ${config.imbalanceClass}, but this data set has ${classes.length} classes (0 to ${classes.length - 1}).`;
  }
  if (config.classWeights === 'hand' && task === 'classification') {
    const weights = parseClassWeights(config.classWeightValues, classes);
    if (typeof weights === 'string') return weights;
  }
  return null;
}

/**
 * The class weights a run's loss uses, given its training split's class
 * counts: balanced from the counts, or the list set by hand; null for none
 * (and for a regression); a list by hand that does not fit, its reason.
 */
export function lossClassWeights(
  config: { classWeights?: string; classWeightValues?: string },
  task: 'classification' | 'regression',
  classes: readonly string[],
  trainCounts: () => number[],
): number[] | string | null {
  if (task !== 'classification') return null;
  if (config.classWeights === 'hand') return parseClassWeights(config.classWeightValues ?? '', classes);
  return config.classWeights === 'balanced' ? balancedClassWeights(trainCounts()) : null;
}

/** The weights list a by-hand choice starts from: balanced from training counts when known, else 1 for every class. */
export function startingClassWeights(classes: number, trainCounts: number[] | undefined): string {
  const weights = trainCounts && trainCounts.length === classes ? balancedClassWeights(trainCounts) : Array<number>(classes).fill(1);
  return weights.map((w) => String(Number(w.toPrecision(3)))).join(', ');
}

/** The accuracy of always predicting the most frequent class: the line a model must beat. */
export function majorityBaseline(counts: number[]): { classIndex: number; accuracy: number } {
  const total = counts.reduce((a, b) => a + b, 0);
  let classIndex = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c] > counts[classIndex]) classIndex = c;
  return { classIndex, accuracy: total > 0 ? counts[classIndex] / total : 0 };
}

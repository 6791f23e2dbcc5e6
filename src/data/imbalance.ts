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

/** The accuracy of always predicting the most frequent class: the line a model must beat. */
export function majorityBaseline(counts: number[]): { classIndex: number; accuracy: number } {
  const total = counts.reduce((a, b) => a + b, 0);
  let classIndex = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c] > counts[classIndex]) classIndex = c;
  return { classIndex, accuracy: total > 0 ? counts[classIndex] / total : 0 };
}

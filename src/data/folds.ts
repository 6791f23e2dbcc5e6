// k-fold cross-validation: every sample is assigned to one of k folds,
// seeded; fold f's run validates on fold f and trains on the others. With
// `stratified`, each class is dealt round the folds in turn after a seeded
// shuffle, so every fold holds each class's share to within one sample.
// Pure.
import { createRng, deriveSeed, shuffleInPlace } from '../lib/rng';
import type { Split, Task } from './dataset';
import { indicesByClass, randomSplit, stratifiedSplit } from './split';

export const MIN_FOLDS = 2;
export const MAX_FOLDS = 10;

/** Each sample's fold, 0..k-1. `labels` (class indices) are needed only when stratified. */
export function foldAssignment(count: number, k: number, seed: number, labels?: ArrayLike<number>): Uint8Array {
  const folds = new Uint8Array(count);
  const rng = createRng(deriveSeed(seed, 'folds'));
  const groups = labels ? indicesByClass(labels) : [[0, Array.from({ length: count }, (_, i) => i)] as [number, number[]]];
  // Deal each class round the folds, starting where the previous class stopped, so fold sizes stay within one.
  let next = 0;
  for (const [, members] of groups) {
    for (const i of shuffleInPlace(members, rng)) {
      folds[i] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}

/** Fold `fold` (1..k) as validation, the other folds as training; each in a seeded order. */
export function foldSplit(count: number, k: number, fold: number, seed: number, labels?: ArrayLike<number>): Split {
  if (!Number.isInteger(k) || k < MIN_FOLDS || k > MAX_FOLDS)
    throw new Error(`k-fold needs k from ${MIN_FOLDS} to ${MAX_FOLDS}, not ${k}.`);
  if (!Number.isInteger(fold) || fold < 1 || fold > k) throw new Error(`Fold ${fold} is not one of the ${k} folds.`);
  if (count < k) throw new Error(`${k}-fold cross-validation needs at least ${k} samples; this data has ${count}.`);
  const folds = foldAssignment(count, k, seed, labels);
  const train: number[] = [];
  const validation: number[] = [];
  for (let i = 0; i < count; i++) (folds[i] === fold - 1 ? validation : train).push(i);
  const rng = createRng(deriveSeed(seed, `fold-${fold}`));
  return {
    train: shuffleInPlace(Uint32Array.from(train), rng),
    validation: shuffleInPlace(Uint32Array.from(validation), rng),
    folds: { k, of: folds },
  };
}

/** How an experiment splits its samples: k-fold's fold, or the seeded hold-out split. */
export interface SplitSettings {
  /** k of k-fold cross-validation; below 2, off (the hold-out split). */
  folds: number;
  /** The fold this run validates on, 1..k. */
  fold: number;
  stratifiedFolds: boolean;
  validationSplit: number;
  seed: number;
}

/** Splits `count` samples with labels (class indices, or targets for regression) as the experiment says; a table passes its rows too. */
export type Splitter = (labels: ArrayLike<number>, task: Task, rows?: readonly (readonly string[])[]) => Split;

export function experimentSplitter(settings: SplitSettings): Splitter {
  return (labels, task) => {
    const classification = task === 'classification';
    if (settings.folds >= MIN_FOLDS) {
      const fold = Math.min(Math.max(1, settings.fold), settings.folds);
      return foldSplit(labels.length, settings.folds, fold, settings.seed, classification && settings.stratifiedFolds ? labels : undefined);
    }
    return classification
      ? stratifiedSplit(labels, settings.validationSplit, settings.seed)
      : randomSplit(labels.length, settings.validationSplit, settings.seed);
  };
}

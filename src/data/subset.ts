// The overfitting lab's knobs on the training split: keep a stratified
// fraction of it, and flip a share of its labels. Validation is untouched.
import { createRng, deriveSeed, shuffleInPlace } from '../lib/rng';
import type { Dataset, Split } from './dataset';
import { indicesByClass } from './split';

/**
 * Keeps `fraction` of the training indices (at least one per class present),
 * the same share from every class; seeded.
 */
export function stratifiedSubset(labels: ArrayLike<number>, train: Uint32Array, fraction: number, seed: number): Uint32Array {
  if (fraction >= 1) return train;
  const rng = createRng(deriveSeed(seed, 'subset'));
  const kept: number[] = [];
  for (const [, group] of indicesByClass(labels, train)) {
    const members = shuffleInPlace(group, rng);
    kept.push(...members.slice(0, Math.max(1, Math.round(members.length * fraction))));
  }
  return shuffleInPlace(Uint32Array.from(kept), rng);
}

/** Keeps a random `fraction` of the training indices (for regression, which has no classes). */
export function randomSubset(train: Uint32Array, fraction: number, seed: number): Uint32Array {
  if (fraction >= 1) return train;
  const rng = createRng(deriveSeed(seed, 'subset'));
  return shuffleInPlace(train.slice(), rng).slice(0, Math.max(1, Math.round(train.length * fraction)));
}

/**
 * A copy of the dataset in which `noise` of the training samples carry a
 * wrong label (another class, uniformly); validation labels stay true.
 * Returns the dataset itself when there is nothing to flip.
 */
export function withLabelNoise(dataset: Dataset, train: Uint32Array, noise: number, seed: number): { dataset: Dataset; flipped: number } {
  const classes = dataset.classes.length;
  if (noise <= 0 || dataset.task !== 'classification' || classes < 2) return { dataset, flipped: 0 };
  const rng = createRng(deriveSeed(seed, 'label-noise'));
  const chosen = shuffleInPlace(train.slice(), rng).slice(0, Math.round(train.length * noise));
  const y = dataset.y.slice();
  for (const i of chosen) y[i] = (y[i] + 1 + rng.int(classes - 1)) % classes;
  return { dataset: { ...dataset, y }, flipped: chosen.length };
}

/** Applies both knobs to a split: a training subset, then label noise on it. */
export function applyOverfittingKnobs(
  dataset: Dataset,
  split: Split,
  trainFraction: number,
  labelNoise: number,
  seed: number,
): { dataset: Dataset; split: Split; flipped: number } {
  const train =
    dataset.task === 'classification'
      ? stratifiedSubset(dataset.y, split.train, trainFraction, seed)
      : randomSubset(split.train, trainFraction, seed);
  const noisy = withLabelNoise(dataset, train, labelNoise, seed);
  return { dataset: noisy.dataset, split: { ...split, train }, flipped: noisy.flipped };
}

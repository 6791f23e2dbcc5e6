import { createRng, deriveSeed, shuffleInPlace } from '../lib/rng';
import type { Split } from './dataset';

/**
 * The indices (all samples, or `indices`) grouped by their label, each group
 * in index order, as [label, members] in ascending label order.
 */
export function indicesByClass(labels: ArrayLike<number>, indices?: ArrayLike<number>): [number, number[]][] {
  const groups = new Map<number, number[]>();
  const count = indices ? indices.length : labels.length;
  for (let k = 0; k < count; k++) {
    const i = indices ? indices[k] : k;
    const members = groups.get(labels[i]);
    if (members) members.push(i);
    else groups.set(labels[i], [i]);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * Seeded, stratified split: each class contributes the same fraction of its
 * samples to validation (rounded so the total matches `validationFraction`
 * of all samples). The same labels and seed always give the same split.
 */
export function stratifiedSplit(labels: ArrayLike<number>, validationFraction: number, seed: number): Split {
  const count = labels.length;
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const label = labels[i];
    let members = byClass.get(label);
    if (!members) byClass.set(label, (members = []));
    members.push(i);
  }
  const rng = createRng(deriveSeed(seed, 'split'));
  const targetValidation = Math.round(count * validationFraction);
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  // Largest-remainder rounding so the per-class shares add up exactly.
  const shares = classes.map((c) => (byClass.get(c)!.length * targetValidation) / Math.max(count, 1));
  const floors = shares.map(Math.floor);
  let missing = targetValidation - floors.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => [s - floors[i], i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (missing <= 0) break;
    floors[i]++;
    missing--;
  }
  const train: number[] = [];
  const validation: number[] = [];
  classes.forEach((c, i) => {
    const members = shuffleInPlace(byClass.get(c)!.slice(), rng);
    validation.push(...members.slice(0, floors[i]));
    train.push(...members.slice(floors[i]));
  });
  return {
    train: shuffleInPlace(Uint32Array.from(train), rng),
    validation: shuffleInPlace(Uint32Array.from(validation), rng),
  };
}

/** Keeps at most `limit` indices (the split's own order is already shuffled). */
export function capSplit(split: Split, maxTrain?: number, maxValidation?: number): Split {
  return {
    ...split,
    train: maxTrain && maxTrain < split.train.length ? split.train.slice(0, maxTrain) : split.train,
    validation: maxValidation && maxValidation < split.validation.length ? split.validation.slice(0, maxValidation) : split.validation,
  };
}

/** Seeded random split for regression targets (no classes to stratify by). */
export function randomSplit(count: number, validationFraction: number, seed: number): Split {
  const rng = createRng(deriveSeed(seed, 'split'));
  const order = shuffleInPlace(
    Uint32Array.from({ length: count }, (_, i) => i),
    rng,
  );
  const validation = Math.round(count * validationFraction);
  return { train: order.slice(validation), validation: order.slice(0, validation) };
}

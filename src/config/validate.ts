import { LIMITS } from './experiment';

/** Numeric training settings a person types in. */
export type NumericSetting = keyof typeof LIMITS;

const INTEGER: Record<NumericSetting, boolean> = {
  learningRate: false,
  batchSize: true,
  epochs: true,
  validationSplit: false,
  seed: true,
};

/**
 * Parses what was typed into a setting. Returns the number, or the reason
 * it is refused, in words a learner understands.
 */
export function parseSetting(name: NumericSetting, text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter a number.' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: `"${trimmed}" is not a number.` };
  if (INTEGER[name] && !Number.isInteger(value)) return { error: 'Must be a whole number.' };
  const { min, max } = LIMITS[name];
  if (name === 'learningRate' && value <= 0) return { error: 'Must be above 0.' };
  if (value < min) return { error: `Must be at least ${min}.` };
  if (value > max || (name === 'learningRate' && value >= max)) {
    return { error: name === 'learningRate' ? `Must be below ${max}.` : `Must be at most ${max}.` };
  }
  return { value };
}

import { LIMITS, type NumberLimit, type NumericSetting } from './experiment';

export type { NumericSetting };

/** Why `value` breaks `limit`, in words a learner understands, or null when it fits. */
export function limitError(value: number, limit: NumberLimit): string | null {
  if (!Number.isFinite(value)) return 'Must be a finite number.';
  if (limit.integer && !Number.isInteger(value)) return 'Must be a whole number.';
  if (limit.minExclusive ? value <= limit.min : value < limit.min) {
    if (limit.minExclusive) return `Must be above ${limit.min}.`;
    if (value <= 0 && limit.min > 0 && !limit.integer) return 'Must be above 0.';
    return `Must be at least ${limit.min}.`;
  }
  if (limit.maxExclusive ? value >= limit.max : value > limit.max) {
    return limit.maxExclusive ? `Must be below ${limit.max}.` : `Must be at most ${limit.max}.`;
  }
  return null;
}

/**
 * Parses what was typed into a setting. Returns the number, or the reason
 * it is refused.
 */
export function parseSetting(name: NumericSetting, text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter a number.' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: `"${trimmed}" is not a number.` };
  const error = limitError(value, LIMITS[name]);
  return error === null ? { value } : { error };
}

// Restores an untrusted dataset reference (from a link or a stored run)
// against the known kinds and limits; says what it changed.
import { COLUMN_TYPES, MISSING_STRATEGIES, SCALINGS, type ColumnType, type CsvOptions } from '../data/csv/types';
import { SYNTHETIC_SHAPES, type SyntheticShape } from '../data/synthetic';
import { DEFAULT_FEATURES, FEATURES, orderedFeatures, type FeatureName } from '../data/features';
import { DATASET_KINDS, SAMPLE_CSVS, type CsvSource, type DatasetKind, type DatasetRef, type SampleCsv } from './datasets';
import { readField } from './fields';

export const SYNTHETIC_LIMITS = { noise: { min: 0, max: 0.5 }, count: { min: 50, max: 5000 } } as const;
export const DEFAULT_SYNTHETIC: Extract<DatasetRef, { kind: 'synthetic' }> = {
  kind: 'synthetic',
  shape: 'circle',
  noise: 0,
  count: 500,
  features: [...DEFAULT_FEATURES],
};
const MAX_TEXT = 2000;
const MAX_OVERRIDES = 500;

type Notes = string[];

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : null;

const quoteText = (value: unknown): string => `"${String(value).slice(0, 40)}"`;

/** A setting that may be absent (its default, silently) or one of `values` (else its default, with a note). */
function choice<T extends string>(value: unknown, values: readonly T[], fallback: T, label: string, notes: Notes): T {
  if (value === undefined) return fallback;
  const found = oneOf(value, values);
  if (found === null) notes.push(`${label}: ${quoteText(value)} is not one of ${values.join(', ')}; ${fallback} is used.`);
  return found ?? fallback;
}

function onOff(value: unknown, fallback: boolean, label: string, notes: Notes): boolean {
  if (typeof value === 'boolean') return value;
  if (value !== undefined) notes.push(`${label}: ${quoteText(value)} is not on (1) or off (0); ${fallback ? 'on' : 'off'} is used.`);
  return fallback;
}

function oneOf<T extends string>(value: unknown, values: readonly T[]): T | null {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function clamp(
  value: unknown,
  { min, max }: { min: number; max: number },
  fallback: number,
  integer: boolean,
  label: string,
  notes: Notes,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    if (value !== undefined) notes.push(`${label}: not a number; ${fallback} is used.`);
    return fallback;
  }
  const fitted = Math.min(max, Math.max(min, integer ? Math.round(value) : value));
  if (fitted !== value) notes.push(`${label}: ${value} is out of range (${min} to ${max}); ${fitted} is used.`);
  return fitted;
}

/** An http(s) address, or null. */
function webAddress(value: unknown): string | null {
  const candidate = text(value, MAX_TEXT);
  if (!candidate) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function restoreSource(raw: unknown, notes: Notes): CsvSource | null {
  const type = readField(raw, ['type']);
  switch (type) {
    case 'sample': {
      const name = oneOf<SampleCsv>(readField(raw, ['name']), SAMPLE_CSVS);
      if (name) return { type, name };
      notes.push(`Dataset: there is no sample CSV called "${String(readField(raw, ['name'])).slice(0, 40)}".`);
      return null;
    }
    case 'url': {
      const url = webAddress(readField(raw, ['url']));
      if (url) return { type, url };
      notes.push('Dataset: the CSV address is not an http(s) address.');
      return null;
    }
    case 'file': {
      const name = text(readField(raw, ['name']), 200);
      if (name === null) notes.push('Dataset source: the local file has no usable name; it is called "a local file".');
      return { type, name: name ?? 'a local file' };
    }
    case 'text':
      if (readField(raw, ['extra']) !== undefined)
        notes.push(`Dataset source: pasted text has no name; ${quoteText(readField(raw, ['extra']))} was ignored.`);
      return { type };
    default:
      notes.push('Dataset: the CSV source is unreadable.');
      return null;
  }
}

/** Options as far as they can be checked before the table is loaded (columns are checked after). */
function restoreCsvOptions(raw: unknown, notes: Notes): CsvOptions | null {
  if (raw === undefined || raw === null) return null;
  const target = text(readField(raw, ['target']), 500);
  if (target === null) {
    notes.push('Dataset target column: missing or unreadable; the last column will be used.');
    return null;
  }
  const rawOverrides = readField(raw, ['overrides']);
  const overrides: { column: string; type: ColumnType }[] = [];
  if (Array.isArray(rawOverrides)) {
    for (const item of rawOverrides.slice(0, MAX_OVERRIDES)) {
      const column = text(readField(item, ['column']), 500);
      const type = oneOf(readField(item, ['type']), COLUMN_TYPES);
      if (column && type) overrides.push({ column, type });
    }
    if (overrides.length !== rawOverrides.length) notes.push('Dataset column types: some were unreadable and were left out.');
  } else if (rawOverrides !== undefined)
    notes.push('Dataset column types: unreadable; every column keeps the type inferred from the file.');
  return {
    target,
    task: choice(readField(raw, ['task']), ['classification', 'regression'] as const, 'classification', 'Dataset task', notes),
    overrides,
    missing: choice(readField(raw, ['missing']), MISSING_STRATEGIES, 'mean', 'Dataset missing values', notes),
    scaling: choice(readField(raw, ['scaling']), SCALINGS, 'standard', 'Dataset scaling', notes),
    dropDuplicates: onOff(readField(raw, ['dropDuplicates']), false, 'Dataset duplicates', notes),
  };
}

/** Input features of a 2-D set: known names, in their fixed order, at least one; absent means the default. */
function restoreFeatures(raw: unknown, notes: Notes): FeatureName[] {
  if (raw === undefined) return [...DEFAULT_FEATURES];
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  const features = orderedFeatures(
    list.filter((name): name is FeatureName => typeof name === 'string' && (FEATURES as readonly string[]).includes(name)),
  );
  if (features.length === list.length && features.length > 0) return features;
  const known = features.length > 0 ? features : [...DEFAULT_FEATURES];
  notes.push(
    `Features: only ${FEATURES.join(', ')} exist and at least one is needed; ${known.join(', ')} ${known.length === 1 ? 'is' : 'are'} used.`,
  );
  return known;
}

/** A dataset reference from untrusted data, or null (with a note) when it cannot be one. */
export function restoreDataset(raw: unknown, notes: Notes): DatasetRef | null {
  const kind = oneOf<DatasetKind>(readField(raw, ['kind']), DATASET_KINDS);
  if (kind === null) {
    notes.push(`Dataset: "${String(readField(raw, ['kind'])).slice(0, 40)}" is not a dataset this app knows.`);
    return null;
  }
  switch (kind) {
    case 'mnist-sample':
    case 'fashion-sample':
    case 'mnist':
    case 'fashion-mnist':
      return { kind };
    case 'synthetic': {
      const rawShape = readField(raw, ['shape']);
      const shape = oneOf<SyntheticShape>(rawShape, SYNTHETIC_SHAPES);
      if (shape === null) {
        notes.push(
          rawShape === undefined || rawShape === null
            ? `Dataset: the link names no synthetic set; ${DEFAULT_SYNTHETIC.shape} is used.`
            : `Dataset: there is no synthetic set called "${String(rawShape).slice(0, 40)}"; ${DEFAULT_SYNTHETIC.shape} is used.`,
        );
      }
      return {
        kind,
        shape: shape ?? DEFAULT_SYNTHETIC.shape,
        noise: clamp(readField(raw, ['noise']), SYNTHETIC_LIMITS.noise, DEFAULT_SYNTHETIC.noise, false, 'Noise', notes),
        count: clamp(readField(raw, ['count']), SYNTHETIC_LIMITS.count, DEFAULT_SYNTHETIC.count, true, 'Number of points', notes),
        features: restoreFeatures(readField(raw, ['features']), notes),
      };
    }
    case 'csv': {
      const source = restoreSource(readField(raw, ['source']), notes);
      if (!source) return null;
      const header = readField(raw, ['header']);
      if (header !== null && header !== undefined && typeof header !== 'boolean')
        notes.push(`Dataset header: ${quoteText(header)} is not on (1) or off (0); it is guessed from the file.`);
      return {
        kind,
        source,
        header: typeof header === 'boolean' ? header : null,
        options: restoreCsvOptions(readField(raw, ['options']), notes),
      };
    }
    case 'idx': {
      const name = text(readField(raw, ['name']), 200);
      if (name === null) notes.push('Dataset IDX files: no usable name; they are called "uploaded files".');
      return { kind, name: name ?? 'uploaded files' };
    }
  }
}

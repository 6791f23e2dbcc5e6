// A step's reading kept in the browser, so a learner who leaves and comes
// back finds what their runs showed: the facts are written as JSON (the
// confusion matrix only on the last epoch, the one a reading looks at) and
// read back from untrusted storage, field by field; anything damaged is no
// reading, never a broken page. Pure.
import { restoreConfig } from '../config/restore';
import type { EpochPoint, SplitScores } from '../metrics/types';
import type { LayerChange } from '../model/picture';
import type { DrawingFacts, FoldFacts, ForestFacts, MeasuredSpeed, RunFacts, SteppingFacts } from './facts';

/** More than any run a lesson makes; a longer list in storage is damaged. */
const MAX_ITEMS = 100_000;

/** What is written for `facts`: the same facts, the confusion matrix kept on the last epoch alone. */
export function storableFacts(facts: RunFacts): RunFacts {
  const last = facts.epochs.length - 1;
  const epochs = facts.epochs.map((point, i) => {
    if (i === last || !point.confusion) return point;
    const rest = { ...point };
    delete rest.confusion;
    return rest;
  });
  return { ...facts, epochs };
}

type Record_ = Record<string, unknown>;
const isRecord = (v: unknown): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A number as JSON keeps one: NaN and infinities come back as null, and are read as NaN. */
const numeric = (v: unknown): number | undefined => (typeof v === 'number' ? v : v === null ? Number.NaN : undefined);
const text = (v: unknown): string | null | undefined => (typeof v === 'string' ? v : v === null ? null : undefined);

/** Reads each element with `read`; null when `v` is no list, too long, or any element is damaged. */
function listOf<T>(v: unknown, read: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(v) || v.length > MAX_ITEMS) return null;
  const out: T[] = [];
  for (const item of v) {
    const value = read(item);
    if (value === null) return null;
    out.push(value);
  }
  return out;
}

const SCORE_KEYS = ['accuracy', 'precision', 'recall', 'f1', 'mae', 'r2'] as const;

function readScores(v: unknown): SplitScores | null {
  if (!isRecord(v)) return null;
  const loss = numeric(v.loss);
  if (loss === undefined) return null;
  const scores: SplitScores = { loss };
  for (const key of SCORE_KEYS) {
    if (v[key] === undefined) continue;
    const value = numeric(v[key]);
    if (value === undefined) return null;
    scores[key] = value;
  }
  return scores;
}

function readEpoch(v: unknown): EpochPoint | null {
  if (!isRecord(v) || !Number.isInteger(v.epoch) || typeof v.step !== 'number') return null;
  const train = readScores(v.train);
  const validation = readScores(v.validation);
  if (!train || !validation) return null;
  const point: EpochPoint = { epoch: v.epoch as number, step: v.step, train, validation };
  if (v.confusion !== undefined) {
    const confusion = listOf(v.confusion, (row) => listOf(row, (count) => (typeof count === 'number' ? count : null)));
    if (!confusion) return null;
    point.confusion = confusion;
  }
  return point;
}

function readSpeed(v: unknown): MeasuredSpeed | null {
  if (!isRecord(v) || typeof v.backend !== 'string') return null;
  const samplesPerSecond = v.samplesPerSecond === null ? null : typeof v.samplesPerSecond === 'number' ? v.samplesPerSecond : undefined;
  if (samplesPerSecond === undefined) return null;
  if (v.reason !== undefined && typeof v.reason !== 'string') return null;
  return { backend: v.backend, samplesPerSecond, ...(typeof v.reason === 'string' ? { reason: v.reason } : {}) };
}

function readForest(v: unknown): ForestFacts | null {
  if (!isRecord(v)) return null;
  const train = readScores(v.train);
  const validation = readScores(v.validation);
  const trees = numeric(v.trees);
  const seconds = numeric(v.seconds);
  return train && validation && trees !== undefined && seconds !== undefined ? { train, validation, trees, seconds } : null;
}

function readDrawing(v: unknown): DrawingFacts | null {
  if (!isRecord(v)) return null;
  const probabilities = listOf(v.probabilities, (p) => numeric(p) ?? null);
  const classes = listOf(v.classes, (c) => (typeof c === 'string' ? c : null));
  return probabilities && classes ? { probabilities, classes } : null;
}

function readFold(v: unknown): FoldFacts | null {
  if (!isRecord(v) || !Number.isInteger(v.fold)) return null;
  const train = readScores(v.train);
  const validation = readScores(v.validation);
  return train && validation ? { fold: v.fold as number, train, validation } : null;
}

function readLayerChange(v: unknown): LayerChange | null {
  if (!isRecord(v) || !Number.isInteger(v.into) || typeof v.whole !== 'boolean') return null;
  const meanChange = numeric(v.meanChange);
  const maxChange = numeric(v.maxChange);
  return meanChange !== undefined && maxChange !== undefined ? { into: v.into as number, meanChange, maxChange, whole: v.whole } : null;
}

function readStepping(v: unknown): SteppingFacts | null {
  if (!isRecord(v) || !Number.isInteger(v.step) || !Number.isInteger(v.from) || !Number.isInteger(v.columns)) return null;
  const losses = listOf(v.losses, (loss) => numeric(loss) ?? null);
  const layers = listOf(v.layers, readLayerChange);
  return losses && layers ? { step: v.step as number, from: v.from as number, losses, layers, columns: v.columns as number } : null;
}

const DAMAGED = Symbol('damaged');

/** The facts a run has only sometimes, each read (null is a value some of them keep: no kept model, no forest). */
const OPTIONAL: Partial<Record<keyof RunFacts, (v: unknown) => unknown>> = {
  sizes: (v) =>
    isRecord(v) && typeof v.train === 'number' && typeof v.validation === 'number' ? { train: v.train, validation: v.validation } : DAMAGED,
  startedFrom: (v) => (v === null || typeof v === 'string' ? v : DAMAGED),
  forest: (v) => (v === null ? null : (readForest(v) ?? DAMAGED)),
  drawing: (v) => readDrawing(v) ?? DAMAGED,
  folds: (v) => listOf(v, readFold) ?? DAMAGED,
  stepping: (v) => readStepping(v) ?? DAMAGED,
};

/**
 * A step's facts read back from storage, or null when anything in them is
 * damaged. The config goes through restoreConfig, as a link's does; a config
 * it has to mend is not the run that was read, so it is no reading.
 */
export function restoreFacts(raw: unknown): RunFacts | null {
  if (!isRecord(raw)) return null;
  const restored = restoreConfig(raw.config);
  if (restored.notes.length > 0) return null;
  const epochs = listOf(raw.epochs, readEpoch);
  const speeds = listOf(raw.speeds, readSpeed);
  const error = text(raw.error);
  const backend = text(raw.backend);
  const software = text(raw.software);
  const samplesPerSecond =
    raw.samplesPerSecond === null ? null : typeof raw.samplesPerSecond === 'number' ? raw.samplesPerSecond : undefined;
  if (!epochs || !speeds || error === undefined || backend === undefined || software === undefined || samplesPerSecond === undefined)
    return null;
  const facts: RunFacts = { config: restored.config, epochs, error, backend, samplesPerSecond, speeds, software };
  for (const [key, read] of Object.entries(OPTIONAL)) {
    if (raw[key] === undefined) continue;
    const value = read(raw[key]);
    if (value === DAMAGED) return null;
    Object.assign(facts, { [key]: value });
  }
  return facts;
}

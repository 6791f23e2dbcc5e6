// A finished run's model, kept beside its record so that a later run can
// start from it (transfer: freeze some layers, fine-tune the rest on other
// data). Plain data: the weights in tfjs order with their shapes, and what
// they fit. Read back field by field, never trusted.
import type { ExperimentConfig } from '../config/experiment';
import type { SplitScores } from '../metrics/types';

/** The models of at most this many runs are kept (the latest); older ones are deleted. */
export const MAX_KEPT_MODELS = 5;
/** A model over this many bytes of weights is not kept. */
export const MAX_KEPT_MODEL_BYTES = 32 * 1024 * 1024;

export interface StoredModel {
  config: ExperimentConfig;
  /** The dataset's label, e.g. "MNIST sample". */
  dataset: string;
  task: 'classification' | 'regression';
  inputShape: number[];
  classes: string[];
  /** The kept epoch's validation scores. */
  metrics: { epoch: number; validation: SplitScores } | null;
  weights: { shape: number[]; values: Float32Array }[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isShape = (value: unknown): value is number[] => Array.isArray(value) && value.every((d) => Number.isInteger(d) && (d as number) > 0);

/** A stored value read back: a model whose every field has its type, or null. */
export function readStoredModel(value: unknown): StoredModel | null {
  if (!isObject(value) || !isObject(value.config) || !Array.isArray((value.config as { layers?: unknown }).layers)) return null;
  if (typeof value.dataset !== 'string' || (value.task !== 'classification' && value.task !== 'regression')) return null;
  if (!isShape(value.inputShape) || !Array.isArray(value.classes) || !value.classes.every((c) => typeof c === 'string')) return null;
  if (!Array.isArray(value.weights)) return null;
  const weightsFit = value.weights.every(
    (w: unknown) =>
      isObject(w) && isShape(w.shape) && w.values instanceof Float32Array && w.values.length === w.shape.reduce((a, b) => a * b, 1),
  );
  if (!weightsFit) return null;
  return value as unknown as StoredModel;
}

/** Bytes of a model's weights. */
export const storedModelBytes = (weights: StoredModel['weights']) => weights.reduce((sum, w) => sum + w.values.byteLength, 0);

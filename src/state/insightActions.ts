// Questions to the current (or last) run's model, for the insight views.
import type { InspectQuery, InspectResult } from '../train/page/client';
import { getClient } from './clientHandle';

/** The insight views ask again at most this often, and never more often than every REFRESH_COST_FACTOR round trips of the last costly question. */
const MIN_REFRESH_MS = 500;
const REFRESH_COST_FACTOR = 4;
let lastCostMs = 0;

/**
 * How long the insight views wait before asking the model again: a
 * question about the whole validation set of a big model (the overfitting
 * demo's, about half a second) would otherwise take most of the worker's time.
 */
export function insightRefreshMs(): number {
  return Math.max(MIN_REFRESH_MS, REFRESH_COST_FACTOR * lastCostMs);
}

async function timed<T>(ask: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await ask();
  } finally {
    lastCostMs = performance.now() - started;
  }
}

export type SampleQuery = Extract<InspectQuery, { kind: 'samples' }>;
export type SamplesResult = Extract<InspectResult, { kind: 'samples' }>;

/** Validation samples with their predictions, worst first. */
export async function fetchSamples(query: Omit<SampleQuery, 'kind'>): Promise<SamplesResult> {
  const result = await timed(() => getClient().request('inspect', { kind: 'samples', ...query }));
  if (result.kind !== 'samples') throw new Error('Unexpected answer from the worker.');
  return result;
}

/** The model's outputs (class probabilities, or the predicted value) for one input. */
export async function predictOne(input: number[]): Promise<number[]> {
  const result = await getClient().request('inspect', { kind: 'predict', input });
  if (result.kind !== 'predict') throw new Error('Unexpected answer from the worker.');
  return result.outputs;
}

/** The model's outputs for a CSV row typed by a person (cells in the file's column order). */
export async function predictRow(cells: string[]): Promise<number[]> {
  const result = await getClient().request('inspect', { kind: 'predict-row', cells });
  if (result.kind !== 'predict') throw new Error('Unexpected answer from the worker.');
  return result.outputs;
}

export type FeatureMapsResult = Extract<InspectResult, { kind: 'feature-maps' }>;

/** Inside a CNN: every convolution and pooling layer's output for one validation sample, and the filters. */
export async function fetchFeatureMaps(sample: number): Promise<FeatureMapsResult> {
  const result = await timed(() => getClient().request('inspect', { kind: 'feature-maps', sample }));
  if (result.kind !== 'feature-maps') throw new Error('Unexpected answer from the worker.');
  return result;
}

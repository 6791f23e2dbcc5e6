// A random forest on the experiment's data and split, grown in the worker.
import type { ExperimentConfig } from '../config/experiment';
import type { ForestResult } from '../train/page/client';
import { getClient } from './clientHandle';

export type { ForestResult };
export const FOREST_TREES = 60;

/** Grows the forest for `config` (its data, split, seed and overfitting-lab settings); `onProgress` gets the share grown. */
export function runForest(config: ExperimentConfig, onProgress: (fraction: number) => void): Promise<ForestResult> {
  return getClient().request('forest', { config, trees: FOREST_TREES }, ({ fraction }) => onProgress(fraction));
}

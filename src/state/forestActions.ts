// A random forest on the experiment's data and split, grown in the worker:
// beside a run (the insight view, its job kept in the store's forest slice)
// or as a sweep's member.
import type { ExperimentConfig } from '../config/experiment';
import { errorMessage } from '../lib/assert';
import type { ForestResult } from '../train/page/client';
import { getClient } from './clientHandle';
import { setSlice, useAppStore } from './store';

export type { ForestResult };
export const FOREST_TREES = 60;

/** Grows the forest for `config` (its data, split, seed and overfitting-lab settings); `onProgress` gets the share grown. */
export function runForest(config: ExperimentConfig, onProgress: (fraction: number) => void): Promise<ForestResult> {
  return getClient().request('forest', { config, trees: FOREST_TREES }, ({ fraction }) => onProgress(fraction));
}

/** Grows a forest beside the current run, on the run's own experiment; the forest slice follows it. */
export async function growForestBesideRun(): Promise<void> {
  const { run } = useAppStore.getState();
  if (!run.config) return;
  const runId = run.runId;
  setSlice('forest', { status: 'running', fraction: 0, result: null, error: null, runId });
  // Progress and the answer count only while no newer forest was started.
  const mine = () => useAppStore.getState().forest.runId === runId && useAppStore.getState().forest.status === 'running';
  try {
    const result = await runForest(run.config, (fraction) => {
      if (mine()) setSlice('forest', { fraction });
    });
    if (mine()) setSlice('forest', { status: 'done', fraction: 1, result });
  } catch (error) {
    if (mine()) setSlice('forest', { status: 'error', fraction: 0, error: errorMessage(error) });
  }
}

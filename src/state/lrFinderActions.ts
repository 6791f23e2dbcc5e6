// The learning-rate finder: asks the worker for the range test on the
// current experiment (the opened model's weights, if Train would start from
// them), and applies its suggested rate in one click.
import { errorMessage } from '../lib/assert';
import { setNumericSetting } from './actions';
import { getClient } from './clientHandle';
import { isLive, openedStart, setSlice, useAppStore } from './store';

/** Runs the range test; the lrFinder slice follows it. Nothing the model or a run holds changes. */
export async function findLearningRate(): Promise<void> {
  const state = useAppStore.getState();
  if (isLive(state.run.status) || state.lrFinder.status === 'running') return;
  setSlice('lrFinder', { status: 'running', fraction: 0, result: null, error: null });
  try {
    const result = await getClient().request('lr-finder', { config: state.config, ...openedStart(state) }, ({ fraction }) =>
      setSlice('lrFinder', { fraction }),
    );
    setSlice('lrFinder', { status: 'done', fraction: 1, result });
  } catch (error) {
    setSlice('lrFinder', { status: 'error', error: `The learning-rate finder stopped: ${errorMessage(error)}` });
  }
}

/** Sets the learning rate to the finder's suggestion. */
export function applySuggestedRate(): void {
  const suggested = useAppStore.getState().lrFinder.result?.suggested;
  if (suggested) setNumericSetting('learningRate', Math.min(9.99, Math.max(1e-6, suggested)));
}

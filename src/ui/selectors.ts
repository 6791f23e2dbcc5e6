import { keptEpoch } from '../metrics/kept';
import type { AppState } from '../state/store';

// Selectors live at module level so components re-render only on what they read.
export const selectRun = (state: AppState) => state.run;
export const selectStatus = (state: AppState) => state.run.status;
export const selectConfig = (state: AppState) => state.config;
export const selectBatches = (state: AppState) => state.metrics.batches;
export const selectEpochs = (state: AppState) => state.metrics.epochs;
export const selectEpochCount = (state: AppState) => state.metrics.epochs.length;
export const selectError = (state: AppState) => state.run.error;
export const selectLearningRateChanges = (state: AppState) => state.metrics.learningRateChanges;
export const selectLinkNotes = (state: AppState) => state.linkNotes;
export const selectHistory = (state: AppState) => state.history;
export const selectData = (state: AppState) => state.data;

/** The epoch whose weights the model now has (metrics/kept.ts), or null before any. */
export const selectKeptEpoch = (state: AppState) => keptEpoch({ epochs: state.metrics.epochs, restoredEpoch: state.run.restoredEpoch });

/** WASM's thread count and why, from the latest run or warm-up measurement, or null where it has not run. */
export const selectWasmThreadsNote = (state: AppState): string | null => {
  const speeds = state.run.choice.speeds.length > 0 ? state.run.choice.speeds : (state.backendPreview?.speeds ?? []);
  return speeds.find((speed) => speed.backend === 'wasm')?.threadsNote ?? null;
};

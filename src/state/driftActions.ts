// Concept drift: the trained model meets the drifted data. "Score on
// drifted data" scores its weights there (an evaluate-only run), and
// "Retrain on the new data" trains on from those weights, so the curve shows
// the recovery. The experiment then holds the drift (it is in the link).
import { keptEpoch } from '../metrics/kept';
import { errorMessage } from '../lib/assert';
import { startRunOf, updateConfig } from './actions';
import { trainedWeights } from './modelActions';
import { setSlice, useAppStore, type DriftSlice } from './store';

const score = (scores: { accuracy?: number; loss: number } | undefined) => scores?.accuracy ?? scores?.loss ?? null;

/** Scores the trained model of the last run on the drifted points; its curves before stay as the "before". */
export async function scoreOnDrifted(): Promise<void> {
  const { run, metrics, config, drift } = useAppStore.getState();
  // A second press (or a different amount) scores the same trained model again, not the retrained one.
  const fresh = drift.trained === null || (run.runId !== drift.scoringRunId && run.runId !== drift.retrainRunId);
  try {
    const trained = fresh ? run.config : drift.trained;
    if (!trained) throw new Error('Train a model first: drift is scored on a trained one.');
    const before = fresh ? score(keptEpoch({ epochs: metrics.epochs, restoredEpoch: run.restoredEpoch })?.validation) : drift.before;
    const weights = fresh ? await trainedWeights() : drift.weights!;
    const moved = { ...trained, drift: config.drift, driftAmount: config.driftAmount, driftApplied: true };
    updateConfig((c) => ({ ...c, drift: moved.drift, driftAmount: moved.driftAmount, driftApplied: true }));
    const scoringRunId = startRunOf(moved, { evaluateOnly: true, weights });
    setSlice('drift', {
      before,
      after: null,
      weights,
      trained,
      scoringRunId,
      retrainRunId: null,
      error: null,
    } satisfies Partial<DriftSlice>);
  } catch (error) {
    setSlice('drift', { error: errorMessage(error) });
  }
}

/** Trains on from the trained model's weights on the drifted points: the recovery. */
export function retrainOnDrifted(): void {
  const { drift, config } = useAppStore.getState();
  if (!drift.trained || !drift.weights) {
    setSlice('drift', { error: 'Score the trained model on drifted data first.' });
    return;
  }
  const moved = { ...drift.trained, drift: config.drift, driftAmount: config.driftAmount, driftApplied: true };
  const retrainRunId = startRunOf(moved, { weights: drift.weights });
  setSlice('drift', { retrainRunId, error: null });
}

/** Back to the data as it was: the next run trains on the undrifted points. */
export function undrift(): void {
  updateConfig((c) => ({ ...c, driftApplied: false }));
  setSlice('drift', { before: null, after: null, scoringRunId: null, retrainRunId: null, weights: null, trained: null, error: null });
}

/** Keeps the drifted score once the scoring run is done, so it stays on show while the model retrains. */
export function noteDriftedScore(score: number): void {
  setSlice('drift', { after: score });
}

// The models of the latest finished runs, kept in IndexedDB beside their
// records (history/storedModel.ts), so a later run can start from one:
// continue it, or transfer it to other data with some layers frozen.
import { resolveDatasetInfo } from '../config/datasets';
import { deleteModel, getModel, modelIds, putModel } from '../history/db';
import { keptEpoch } from '../history/record';
import { MAX_KEPT_MODELS, type StoredModel } from '../history/storedModel';
import { errorMessage } from '../lib/assert';
import type { InitialWeights } from '../train/protocol';
import { adoptModel } from './modelActions';
import { setSlice, useAppStore } from './store';

/** What the finished run's weights fit, read now (before the page moves on); null when there is nothing to keep. */
export function modelOfRun(runId: number, weights: InitialWeights): StoredModel | null {
  const { run, metrics, data } = useAppStore.getState();
  if (run.runId !== runId || !run.config || run.sweep) return null;
  const { info } = resolveDatasetInfo(run.config.dataset, data.loaded);
  if (!info) return null;
  const kept = keptEpoch({ epochs: metrics.epochs, restoredEpoch: run.restoredEpoch });
  return {
    config: structuredClone(run.config),
    dataset: info.label,
    task: run.task ?? info.task,
    inputShape: info.inputShape,
    classes: info.classes,
    metrics: kept ? { epoch: kept.epoch, validation: kept.validation } : null,
    weights,
  };
}

/** Keeps `model` as record `id`'s, and deletes the models of all but the latest MAX_KEPT_MODELS runs. */
export async function keepModel(id: number, model: StoredModel): Promise<void> {
  try {
    await putModel(id, model);
    await pruneModels([id]);
  } catch {
    // A model that cannot be stored is simply not offered; the run's record stays.
  }
}

/**
 * Deletes the models of runs no longer in the history and of all but the
 * latest MAX_KEPT_MODELS; the history then offers "Start from" on the rest.
 */
export async function pruneModels(fresh: number[] = []): Promise<void> {
  const runs = new Set(useAppStore.getState().history.runs.map((r) => r.id));
  const ids = (await modelIds()).filter((id) => runs.has(id) || fresh.includes(id)).sort((a, b) => b - a);
  const keep = ids.slice(0, MAX_KEPT_MODELS);
  const stale = (await modelIds()).filter((id) => !keep.includes(id));
  await Promise.all(stale.map(deleteModel));
  setSlice('history', { models: keep });
}

/** Makes run `id`'s kept model the one the next run starts from (checked against the current data). */
export async function startFromRun(id: number): Promise<void> {
  const record = useAppStore.getState().history.runs.find((r) => r.id === id);
  const name = record?.name ?? `Run ${id}`;
  let model: StoredModel | null = null;
  let problem = `${name}'s model is no longer kept in this browser.`;
  try {
    model = await getModel(id);
  } catch (error) {
    problem = `${name}'s model could not be read (${errorMessage(error)}).`;
  }
  if (!model) {
    useAppStore.setState((state) => ({
      openedModel: { ...(state.openedModel ?? { weights: null, layers: null, summary: null, notes: [] }), error: problem },
    }));
    setSlice('history', (h) => ({ models: h.models.filter((m) => m !== id) }));
    return;
  }
  adoptModel({ experiment: model, weights: model.weights, notes: [] }, name);
}

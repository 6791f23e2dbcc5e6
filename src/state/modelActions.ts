// Model files: the trained model downloads as model.json + weights.bin
// (tfjs LayersModel) + experiment.json, zipped; opened again, the next run
// continues from its weights. Nothing is uploaded anywhere.
import { zipSync } from 'fflate';
import { resolveDatasetInfo } from '../config/datasets';
import { keptEpoch } from '../history/record';
import { errorMessage } from '../lib/assert';
import { encodeExperiment } from '../share/codec';
import { mismatch, modelFiles, readModelFiles, type ExperimentFile } from '../share/modelFiles';
import { pythonData } from '../share/python/dataCsv';
import { getClient } from './clientHandle';
import { useAppStore } from './store';
import type { InitialWeights } from '../train/protocol';

/**
 * The current run's model files (model.json, weights.bin, experiment.json
 * with the fitted CSV preprocessing) and what a Keras project needs besides;
 * data.csv only when `csv`. Throws with a message when there is no model.
 */
async function currentModel(csv: boolean) {
  const { run, metrics, data } = useAppStore.getState();
  if (!run.config || metrics.epochs.length === 0) throw new Error('Train for at least one epoch first.');
  const { artifacts, data: exported } = await getClient().request('export', { table: csv });
  const extra = pythonData(exported);
  const { info } = resolveDatasetInfo(run.config.dataset, data.loaded);
  if (!info) throw new Error('Load the data of this run again first.');
  const kept = keptEpoch({ epochs: metrics.epochs, restoredEpoch: run.restoredEpoch });
  const link = `${window.location.origin}${window.location.pathname}#${encodeExperiment(run.config)}`;
  const experiment: ExperimentFile = {
    app: 'training-playground',
    version: 1,
    link,
    config: run.config,
    dataset: info.label,
    task: run.task ?? info.task,
    inputShape: info.inputShape,
    classes: info.classes,
    metrics: kept ? { epoch: kept.epoch, validation: kept.validation } : null,
    preprocessing: extra.preprocessing,
  };
  return { config: run.config, info, link, epoch: kept?.epoch ?? 0, files: modelFiles(artifacts, experiment), data: extra };
}

const zip = (files: { name: string; bytes: Uint8Array }[], folder = '') =>
  zipSync(Object.fromEntries(files.map((file) => [`${folder}${file.name}`, file.bytes])));

/** The current run's trained weights, as a run starts from them (concept drift's scoring and retraining). */
export async function trainedWeights(): Promise<InitialWeights> {
  const current = await currentModel(false);
  return readModelFiles(current.files).weights;
}

/** The current run's model as a zip of its files. */
export async function modelZip(): Promise<{ name: string; bytes: Uint8Array }> {
  const current = await currentModel(false);
  return { name: `model-epoch-${current.epoch}.zip`, bytes: zip(current.files) };
}

/** The Keras project of the current run, zipped, with the names of its files. */
export async function pythonZip(): Promise<{ name: string; bytes: Uint8Array; files: string[] }> {
  const current = await currentModel(true);
  // The Keras project's generator and template load only when asked for.
  const { pythonProject } = await import('../share/python/project');
  const { csv, preprocessing, targetScale } = current.data;
  const files = pythonProject({
    config: current.config,
    link: current.link,
    info: current.info,
    modelFiles: current.files,
    data: { csv, preprocessing, targetScale },
  });
  return { name: `keras-project-epoch-${current.epoch}.zip`, bytes: zip(files, 'keras-project/'), files: files.map((file) => file.name) };
}

/** Opens the chosen files into the parts a model is read from (the worker does it: zips inflate there, with caps). */
export type ExpandFiles = (files: readonly File[]) => Promise<{ name: string; bytes: Uint8Array }[]>;

/**
 * Opens model files: checked against the current data, then the experiment's
 * layers and settings apply (the data stays), and the next run starts from
 * the saved weights. On any problem the current model stays, with a message.
 */
export async function openModel(
  files: readonly File[],
  expand: ExpandFiles = (chosen) => getClient().request('model-files', [...chosen]),
): Promise<void> {
  const { config, data } = useAppStore.getState();
  try {
    const opened = readModelFiles(await expand(files));
    const { info } = resolveDatasetInfo(config.dataset, data.loaded);
    if (!info) throw new Error('Load the data first: the model is checked against it.');
    const problem = mismatch(opened.experiment, { inputShape: info.inputShape, classes: info.classes, task: info.task, label: info.label });
    if (problem) throw new Error(`${problem} The current model stays.`);
    const saved = opened.experiment.config;
    const metrics = opened.experiment.metrics;
    useAppStore.setState((state) => ({
      config: { ...saved, dataset: state.config.dataset, hiddenPanels: state.config.hiddenPanels, classroom: state.config.classroom },
      openedModel: {
        weights: opened.weights,
        layers: structuredClone(saved.layers),
        summary: `Opened a model trained on ${opened.experiment.dataset || 'its data'}${metrics ? ` (epoch ${metrics.epoch}${metrics.validation.accuracy !== undefined ? `, validation accuracy ${metrics.validation.accuracy.toFixed(3)}` : ''})` : ''}. Train continues from its weights; Reset starts from new ones.`,
        notes: opened.notes,
        error: null,
      },
    }));
  } catch (error) {
    // What was opened before stays in use, and stays on show: the page says what Train starts from.
    useAppStore.setState((state) => {
      const before = state.openedModel?.weights ? ' The model opened before stays in use.' : '';
      return {
        openedModel: {
          ...(state.openedModel ?? { weights: null, layers: null, summary: null, notes: [] }),
          error: `${errorMessage(error)}${before}`,
        },
      };
    });
  }
}

export function forgetOpenedModel(): void {
  useAppStore.setState({ openedModel: null });
}

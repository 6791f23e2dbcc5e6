// Model files: the trained model downloads as model.json + weights.bin
// (tfjs LayersModel) + experiment.json, zipped; opened again, the next run
// continues from its weights. Nothing is uploaded anywhere.
import { zipSync } from 'fflate';
import { resolveDatasetInfo } from '../config/datasets';
import { keptEpoch } from '../history/record';
import { errorMessage } from '../lib/assert';
import { encodeExperiment } from '../share/codec';
import { mismatch, modelFiles, outputReplaced, readModelFiles, type ExperimentFile } from '../share/modelFiles';
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

/** What was opened before stays in use, and stays on show (the page says what Train starts from), with why `error` happened. */
function refuse(error: unknown): void {
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

/** What a run can start from: a model's experiment (opened files, or a run kept in the history) and its weights. */
export interface KeptModel {
  experiment: Pick<ExperimentFile, 'config' | 'dataset' | 'task' | 'inputShape' | 'classes' | 'metrics'>;
  weights: InitialWeights;
  notes: string[];
}

/** The first few class names, for a sentence. */
const few = (classes: string[]) => (classes.length > 3 ? `${classes.slice(0, 3).join(', ')}, …` : classes.join(', '));

function scoreText(metrics: ExperimentFile['metrics']): string {
  if (!metrics) return '';
  const accuracy = metrics.validation.accuracy;
  return ` (epoch ${metrics.epoch}${accuracy !== undefined ? `, validation accuracy ${accuracy.toFixed(3)}` : ''})`;
}

/**
 * Makes `kept` the model the next run starts from, checked against the
 * current data: the same input and task. On the same classes its layers
 * and settings apply (the data stays) and Train continues from its weights.
 * On other classes (transfer) only its layers apply, its output layer is
 * replaced by a fresh one, and the learner picks which layers to freeze.
 * On any problem the current model stays, with a message.
 */
export function adoptModel(kept: KeptModel, source: string): void {
  const { config, data } = useAppStore.getState();
  try {
    const { info } = resolveDatasetInfo(config.dataset, data.loaded);
    if (!info) throw new Error('Load the data first: the model is checked against it.');
    const { experiment } = kept;
    const problem = mismatch(experiment as ExperimentFile, {
      inputShape: info.inputShape,
      classes: info.classes,
      task: info.task,
      label: info.label,
    });
    if (problem) throw new Error(`${problem} The current model stays.`);
    const saved = experiment.config;
    const replaceOutput = outputReplaced(experiment, info);
    const trainedOn = experiment.dataset || 'its data';
    const summary = replaceOutput
      ? `Starts from ${source}, trained on ${trainedOn}${scoreText(experiment.metrics)}, for transfer: its classes (${few(experiment.classes)}) are not this data's (${few(info.classes)}), so its output layer is replaced by a new one. Freeze layers in the builder (their Freeze buttons), then Train fine-tunes the rest from its weights; Reset starts from new ones.`
      : `Starts from ${source}, trained on ${trainedOn}${scoreText(experiment.metrics)}. Train continues from its weights; freeze layers in the builder to keep them as they are; Reset starts from new ones.`;
    useAppStore.setState((state) => ({
      config: replaceOutput
        ? { ...state.config, layers: structuredClone(saved.layers) }
        : { ...saved, dataset: state.config.dataset, hiddenPanels: state.config.hiddenPanels, classroom: state.config.classroom },
      openedModel: {
        weights: kept.weights,
        layers: structuredClone(saved.layers),
        replaceOutput,
        source: `${source} (${trainedOn})`,
        summary,
        notes: kept.notes,
        error: null,
      },
    }));
  } catch (error) {
    refuse(error);
  }
}

/** Opens model files (the worker expands them: zips inflate there, with caps) and adopts the model. */
export async function openModel(
  files: readonly File[],
  expand: ExpandFiles = (chosen) => getClient().request('model-files', [...chosen]),
): Promise<void> {
  let kept: KeptModel;
  try {
    const opened = readModelFiles(await expand(files));
    kept = { experiment: opened.experiment, weights: opened.weights, notes: opened.notes };
  } catch (error) {
    refuse(error);
    return;
  }
  adoptModel(kept, 'an opened model');
}

export function forgetOpenedModel(): void {
  useAppStore.setState({ openedModel: null });
}

// Choosing and loading data. Loading happens in the worker with progress; a
// failed load leaves the active dataset, its table and the model as they
// were, and says why.
import {
  dataKey,
  describeSource,
  resolveDatasetInfo,
  shareability,
  type DatasetInfo,
  type DatasetRef,
  type LoadedData,
} from '../config/datasets';
import type { ExperimentConfig } from '../config/experiment';
import { restoreConfig } from '../config/restore';
import { csvLayout, defaultCsvOptions } from '../data/csv/infer';
import type { CsvOptions, TableSummary } from '../data/csv/types';
import { errorMessage } from '../lib/assert';
import { fitDefaults, type DataKind } from '../config/fitDefaults';
import { SPIRAL_FEATURES } from '../data/features';
import { networkNeed } from '../config/networkNeed';
import { presetLayers } from '../model/presets';
import { checkModel } from '../model/spec';
import { allCached, type DataSource } from '../train/page/client';
import { getClient } from './clientHandle';
import { useAppStore, setSlice } from './store';
import { clip } from '../lib/text';

/** What a local source needs besides its reference. */
export interface LocalPayload {
  blob?: Blob;
  text?: string;
  files?: Blob[];
}

function toSource(ref: DatasetRef, payload: LocalPayload): DataSource {
  switch (ref.kind) {
    case 'mnist-sample':
    case 'fashion-sample':
    case 'mnist':
    case 'fashion-mnist':
      return { kind: 'builtin', name: ref.kind };
    case 'csv':
      return { kind: 'csv', source: ref.source, header: ref.header, blob: payload.blob, text: payload.text };
    case 'idx':
      return { kind: 'idx', name: ref.name, files: payload.files ?? [] };
    case 'synthetic':
      throw new Error('Synthetic data is generated, not loaded.');
  }
}

/** Options that fit the table: the link's or stored ones where they name real columns, else the defaults (and what was dropped, in words). */
function optionsFor(table: TableSummary, wanted: CsvOptions | null): { options: CsvOptions; notice: string | null } {
  const names = new Set(table.columns.map((c) => c.name));
  if (!wanted) return { options: defaultCsvOptions(table), notice: null };
  if (!names.has(wanted.target)) {
    const options = defaultCsvOptions(table);
    return {
      options,
      notice: `The file has no column "${clip(wanted.target)}" to predict; "${clip(options.target)}" is the target instead, with the default settings.`,
    };
  }
  const overrides = wanted.overrides.filter((o) => names.has(o.column));
  const lost = wanted.overrides.length - overrides.length;
  return {
    options: { ...wanted, overrides },
    notice:
      lost > 0 ? `${lost} column type setting${lost === 1 ? ' names a column' : 's name columns'} the file does not have; ignored.` : null,
  };
}

/** The CNN needs images and the MLP flat rows: swap the model when the new data has the other kind of input. */
function fitLayers(config: ExperimentConfig, loaded: LoadedData | null): { layers: ExperimentConfig['layers']; notice: string | null } {
  const { info } = resolveDatasetInfo(config.dataset, loaded);
  if (!info || checkModel(config.layers, info.inputShape, info.output).ok) return { layers: config.layers, notice: null };
  const images = info.inputShape.length === 3;
  const layers = images ? presetLayers('lenet') : presetLayers('mlp');
  if (!checkModel(layers, info.inputShape, info.output).ok) return { layers: config.layers, notice: null };
  return {
    layers,
    notice: `The model was replaced by the ${images ? 'LeNet-style CNN' : 'MLP'} preset, because the previous one did not fit ${images ? 'images' : 'rows of numbers'}.`,
  };
}

/** The kind of input a dataset has, once known. */
function kindOf(ref: DatasetRef, info: DatasetInfo | null): DataKind | null {
  if (ref.kind === 'synthetic') return 'plane';
  if (!info) return null;
  return info.inputShape.length === 3 ? 'images' : 'table';
}

/**
 * Settings fitted to newly chosen data: always for a table (its size
 * decides them), and for images or a 2-D set when the previous data had
 * another kind of input (a learner's own net survives MNIST to Fashion-MNIST,
 * or circle to spiral). Null: keep the settings.
 */
function fittedFor(
  config: ExperimentConfig,
  previous: DataKind | null,
  ref: DatasetRef,
  loaded: LoadedData | null,
): { config: ExperimentConfig; why: string } | null {
  const { info } = resolveDatasetInfo(ref, loaded);
  const kind = kindOf(ref, info);
  if (!kind || !info || (kind !== 'table' && kind === previous)) return null;
  return fitDefaults(config, kind, info, loaded?.table?.rows ?? 0);
}

/**
 * Makes `ref` the experiment's dataset, with what was loaded for it (over
 * `base`, an opened link's experiment, if given). `fit`: the learner chose
 * this data, so fit the model and settings to it (fitDefaults.ts).
 */
function commit(
  ref: DatasetRef,
  loaded: LoadedData | null,
  key: string | null,
  adjustModel: boolean,
  base?: ExperimentConfig,
  fit = false,
): void {
  useAppStore.setState((state) => {
    const previous = kindOf(state.config.dataset, resolveDatasetInfo(state.config.dataset, state.data.loaded).info);
    const config = { ...(base ?? state.config), dataset: ref };
    const fitted = fit ? fittedFor(config, previous, ref, loaded) : null;
    if (fitted) return { config: fitted.config, data: { loaded, loadedKey: key, loading: null, error: null, notice: fitted.why } };
    const layers = adjustModel ? fitLayers(config, loaded) : { layers: config.layers, notice: null };
    return {
      config: { ...config, layers: layers.layers },
      data: { loaded, loadedKey: key, loading: null, error: null, notice: layers.notice },
    };
  });
}

/** The local file or text behind the active CSV, kept to re-read it with another header setting. */
let lastLocalPayload: LocalPayload = {};

const LOADING_LABELS: Partial<Record<DatasetRef['kind'], string>> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

/**
 * Loads data in the worker and, if that works, makes it the experiment's
 * dataset (with the rest of `base`, when an opened link's experiment waits for
 * its data). Resolves false on failure, leaving the experiment as it was.
 */
export async function loadDataset(
  ref: DatasetRef,
  payload: LocalPayload = {},
  adjustModel = true,
  base?: ExperimentConfig,
): Promise<boolean> {
  // Data the learner picked gets settings fitted to it; a link's experiment keeps its own.
  const fit = adjustModel && base === undefined;
  const label = LOADING_LABELS[ref.kind] ?? (ref.kind === 'csv' ? 'CSV' : 'data');
  setSlice('data', { loading: { label, phase: 'reading', fraction: null }, error: null });
  try {
    const summary = await getClient().request('load-data', toSource(ref, payload), ({ phase, fraction }) =>
      setSlice('data', { loading: { label, phase, fraction } }),
    );
    const loaded: LoadedData = {
      table: summary.table,
      images: ref.kind === 'idx' && summary.sampleShape ? { sampleShape: summary.sampleShape, classes: summary.classes } : null,
    };
    const fitted = ref.kind === 'csv' && summary.table ? optionsFor(summary.table, ref.options) : null;
    const next: DatasetRef = ref.kind === 'csv' && fitted ? { ...ref, options: fitted.options } : ref;
    // A table with nothing to learn (one class, no usable feature, too many classes) does not replace the active data.
    if (next.kind === 'csv' && summary.table && next.options) {
      const layout = csvLayout(summary.table, next.options);
      if (!layout.ok) throw new Error(layout.message);
    }
    if (payload.blob || payload.text !== undefined) lastLocalPayload = payload;
    commit(next, loaded, dataKey(ref), adjustModel, base, fit);
    if (fitted?.notice) setSlice('data', (data) => ({ notice: [fitted.notice, data.notice].filter(Boolean).join(' ') }));
    return true;
  } catch (error) {
    setSlice('data', { loading: null, error: `${describeSource(ref)} could not be loaded: ${errorMessage(error)}` });
    return false;
  }
}

/** Picks a dataset from the menu: generated and bundled data switch at once (settings fitted to them), the rest is loaded. */
export function chooseDataset(ref: DatasetRef): void {
  if (ref.kind === 'mnist-sample' || ref.kind === 'synthetic') commit(ref, null, null, true, undefined, true);
  else void loadDataset(ref);
}

/** The spiral's recipe: every input feature and two tanh layers of 8 (it reaches 0.9 validation accuracy in about 100 epochs). */
export function applySpiralRecipe(): void {
  const { config } = useAppStore.getState();
  if (config.dataset.kind !== 'synthetic') return;
  commit({ ...config.dataset, features: [...SPIRAL_FEATURES] }, null, null, false, { ...config, layers: presetLayers('spiral') });
}

/** Changes a setting of the synthetic set in use (shape, noise, number of points). */
export function updateSynthetic(update: Partial<Omit<Extract<DatasetRef, { kind: 'synthetic' }>, 'kind'>>): void {
  const { dataset } = useAppStore.getState().config;
  if (dataset.kind !== 'synthetic') return;
  // Through restore, so every value is kept within its limits.
  const restored = restoreConfig({ dataset: { ...dataset, ...update } }).config.dataset;
  commit(restored, null, null, true);
}

/** Changes how the loaded CSV becomes a dataset (target, task, column types, preprocessing). */
export function updateCsvOptions(update: (options: CsvOptions) => CsvOptions): void {
  const { config, data } = useAppStore.getState();
  if (config.dataset.kind !== 'csv' || !config.dataset.options) return;
  commit({ ...config.dataset, options: update(config.dataset.options) }, data.loaded, data.loadedKey, true);
}

/** Re-reads the CSV with the header row switched on or off. */
export function setCsvHeader(header: boolean): void {
  const { dataset } = useAppStore.getState().config;
  if (dataset.kind === 'csv') void loadDataset({ ...dataset, header, options: null }, lastLocalPayload);
}

/**
 * After a history step changed the experiment: loads what its dataset needs,
 * unless it is loaded already or is a local file (which the page then asks for).
 */
export function syncDataset(): void {
  const { config, data } = useAppStore.getState();
  const key = dataKey(config.dataset);
  if (key === null || key === data.loadedKey || !shareability(config.dataset).shareable) return;
  void loadDataset(config.dataset, {}, false);
}

/**
 * Opens a link's experiment. Data from the network waits for the reader's
 * consent (a link must not make requests by itself): the page shows what it
 * would load, from where and how big, and keeps the current experiment until
 * then. A copy already in the browser's cache needs no network and loads at once.
 */
export function openLinkExperiment(config: ExperimentConfig): void {
  const { data } = useAppStore.getState();
  const key = dataKey(config.dataset);
  const need = key !== null && key !== data.loadedKey ? networkNeed(config.dataset) : null;
  if (!need) {
    useAppStore.setState({ config, pendingLink: null });
    syncDataset();
    return;
  }
  useAppStore.setState({ pendingLink: { config, need } });
  void allCached(need.cacheable).then((cached) => {
    if (cached && useAppStore.getState().pendingLink?.config === config) confirmPendingLink();
  });
}

/** The reader agreed: load the link's data, then apply its experiment. On failure the current one stays. */
export function confirmPendingLink(): void {
  const pending = useAppStore.getState().pendingLink;
  if (!pending) return;
  useAppStore.setState({ pendingLink: null });
  void loadDataset(pending.config.dataset, {}, false, pending.config);
}

/** The reader declined: nothing is loaded and the current experiment stays. */
export function dismissPendingLink(): void {
  useAppStore.setState({ pendingLink: null });
}

export function dismissDataNotice(): void {
  setSlice('data', { notice: null, error: null });
}

/** Which downloadable datasets have a copy in the browser's cache (usable offline). */
export async function cachedDownloads(): Promise<Record<'mnist' | 'fashion-mnist', boolean>> {
  const check = (kind: 'mnist' | 'fashion-mnist') => allCached(networkNeed({ kind })?.cacheable ?? []);
  const [mnist, fashion] = await Promise.all([check('mnist'), check('fashion-mnist')]);
  return { mnist, 'fashion-mnist': fashion };
}

// Turns untrusted data (a shared link, a stored run from an older version)
// into a valid ExperimentConfig, field by field against the defaults and
// limits, and says in words what was dropped or changed (Excalidraw's
// restoreAppState is the pattern). Never throws.
import { LAYER_FIELDS, MAX_LAYERS, isLayerKind, type LayerField } from '../model/layerFields';
import { defaultLayer, presetLayers } from '../model/presets';
import { checkModel, type LayerSpec, type ModelCheck } from '../model/spec';
import { knownDatasetInfo } from './datasets';
import { restoreDataset } from './restoreDataset';
import { DEFAULT_LAYERS, PANELS, defaultConfig, type ExperimentConfig, type NumberLimit } from './experiment';
import { CONFIG_FIELDS, readField, writeField, type ConfigField } from './fields';
import { defaultOptimizerParams } from './optimizerParams';
import { limitError } from './validate';

export interface Restored {
  config: ExperimentConfig;
  /** What was dropped or changed, one sentence each; empty when all was well. */
  notes: string[];
}

/** Shows an untrusted value in a note, briefly. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `"${text.length > 24 ? `${text.slice(0, 24)}…` : text}"`;
}

/**
 * The largest value below an exclusive maximum that a person would type: a
 * thousandth of the range under it, to three digits (the learning rate's
 * limit of 10 gives 9.99).
 */
export function belowMax(limit: NumberLimit): number {
  return Number((limit.max - (limit.max - limit.min) / 1000).toPrecision(3));
}

/**
 * Brings a number within `limit`: the nearest bound when it may be reached,
 * the nearest typed value below an exclusive maximum, and `fallback` under
 * an exclusive minimum (nothing near it is a sensible setting).
 */
function fitNumber(value: unknown, limit: NumberLimit, fallback: number, label: string, notes: string[]): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    notes.push(`${label}: ${quote(value)} is not a number; ${fallback} is used.`);
    return fallback;
  }
  let fitted = limit.integer ? Math.round(value) : value;
  if (limit.minExclusive ? fitted <= limit.min : fitted < limit.min) fitted = limit.minExclusive ? fallback : limit.min;
  if (limit.maxExclusive ? fitted >= limit.max : fitted > limit.max) fitted = limit.maxExclusive ? belowMax(limit) : limit.max;
  if (fitted !== value) {
    const reason = (limitError(value, limit) ?? '').replace(/\.$/, '').toLowerCase();
    notes.push(`${label}: ${value} is out of range (${reason}); ${fitted} is used.`);
  }
  return fitted;
}

function fitEnum(value: unknown, values: readonly string[], fallback: string, label: string, notes: string[]): string {
  if (typeof value === 'string' && values.includes(value)) return value;
  notes.push(`${label}: ${quote(value)} is not one of ${values.join(', ')}; ${fallback} is used.`);
  return fallback;
}

function restoreField(field: ConfigField, value: unknown, config: ExperimentConfig, notes: string[]): void {
  const fallback = readField(config, field.path);
  switch (field.type) {
    case 'number':
      return writeField(config, field.path, fitNumber(value, field.limit, fallback as number, field.label, notes));
    case 'enum':
      return writeField(config, field.path, fitEnum(value, field.values, fallback as string, field.label, notes));
    case 'bool':
      if (typeof value === 'boolean') return writeField(config, field.path, value);
      notes.push(`${field.label}: ${quote(value)} is not on or off; ${fallback ? 'on' : 'off'} is used.`);
      return;
    case 'text':
      if (typeof value === 'string' && value.length <= field.maxLength) return writeField(config, field.path, value);
      notes.push(`${field.label}: ${quote(value)} is not a text of at most ${field.maxLength} characters; "${String(fallback)}" is used.`);
  }
}

function layerFieldLimit(field: LayerField & { type: 'int' | 'number' }): NumberLimit {
  return field.type === 'int'
    ? { min: field.min, max: field.max, integer: true }
    : { min: field.min, max: field.max, maxExclusive: field.maxExclusive };
}

/** One untrusted layer, or null (with a note) when it cannot be a layer at all. */
export function restoreLayer(raw: unknown, index: number, notes: string[]): LayerSpec | null {
  const kind = readField(raw, ['kind']);
  if (!isLayerKind(kind)) {
    notes.push(`Layer ${index + 1}: unknown kind ${quote(kind)}; it was left out.`);
    return null;
  }
  const defaults = defaultLayer(kind) as unknown as Record<string, unknown>;
  const layer: Record<string, unknown> = { kind };
  for (const field of LAYER_FIELDS[kind]) {
    const value = readField(raw, [field.name]);
    const label = `Layer ${index + 1} ${field.name}`;
    if (value === undefined && field.optional) continue;
    if (field.type === 'enum') layer[field.name] = fitEnum(value, field.values, defaults[field.name] as string, label, notes);
    else layer[field.name] = fitNumber(value, layerFieldLimit(field), (defaults[field.name] as number | undefined) ?? 0, label, notes);
  }
  const frozen = readField(raw, ['frozen']);
  if (frozen !== undefined && frozen !== false) {
    const freezable = kind === 'dense' || kind === 'conv2d';
    if (frozen === true && freezable) layer.frozen = true;
    else
      notes.push(
        `Layer ${index + 1} (${kind}): ${freezable ? 'its frozen mark is not true or false' : 'it cannot be frozen'}, so it trains.`,
      );
  }
  return layer as unknown as LayerSpec;
}

function restoreLayers(raw: unknown, notes: string[]): LayerSpec[] {
  if (!Array.isArray(raw)) {
    notes.push('The model is missing or unreadable; the default model is used.');
    return structuredClone(DEFAULT_LAYERS) as LayerSpec[];
  }
  if (raw.length > MAX_LAYERS)
    notes.push(`The model has ${raw.length} layers, more than ${MAX_LAYERS}; only the first ${MAX_LAYERS} were kept.`);
  return raw
    .slice(0, MAX_LAYERS)
    .map((layer, i) => restoreLayer(layer, i, notes))
    .filter((layer): layer is LayerSpec => layer !== null);
}

const FLAT_STAND_IN = 8;

/**
 * Checks layers against the dataset. Data read from a file has a flat input
 * whose size is known only once it is loaded; a stand-in size is used until then.
 */
function checkForDataset(dataset: ExperimentConfig['dataset'], layers: readonly LayerSpec[]): ModelCheck {
  const info = knownDatasetInfo(dataset);
  return info ? checkModel(layers, info.inputShape, info.output) : checkModel(layers, [FLAT_STAND_IN], { units: 1, activation: 'linear' });
}

/** Layers that suit the dataset's kind of input: the CNN for images, the MLP for rows. */
function fallbackLayers(dataset: ExperimentConfig['dataset']): LayerSpec[] {
  return knownDatasetInfo(dataset)?.inputShape.length === 3 ? (structuredClone(DEFAULT_LAYERS) as LayerSpec[]) : presetLayers('mlp');
}

/** Restores a whole experiment from untrusted data. Absent fields take their defaults silently. */
export function restoreConfig(raw: unknown): Restored {
  const notes: string[] = [];
  const config = defaultConfig();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { config, notes: ['The experiment could not be read at all; the default experiment is shown.'] };
  }
  const datasetRaw = readField(raw, ['dataset']);
  if (datasetRaw !== undefined) {
    const dataset = restoreDataset(datasetRaw, notes);
    if (dataset) config.dataset = dataset;
    else notes.push('The default dataset is used instead.');
  }
  for (const field of CONFIG_FIELDS) {
    const value = readField(raw, field.path);
    if (value !== undefined) restoreField(field, value, config, notes);
    // Parameters the link leaves out are those of the optimizer it names.
    if (field.path[0] === 'optimizer') config.optimizerParams = defaultOptimizerParams(config.optimizer);
  }
  const hidden = readField(raw, ['hiddenPanels']);
  if (hidden !== undefined) {
    const list: unknown[] = Array.isArray(hidden) ? hidden : [];
    config.hiddenPanels = PANELS.filter((panel) => list.includes(panel));
    if (!Array.isArray(hidden) || list.some((p) => !(PANELS as readonly unknown[]).includes(p)))
      notes.push(`Hidden panels: only ${PANELS.join(', ')} can be hidden; the rest were ignored.`);
  }
  const layersRaw = readField(raw, ['layers']);
  if (layersRaw !== undefined) {
    const layers = restoreLayers(layersRaw, notes);
    const check = checkForDataset(config.dataset, layers);
    if (check.ok) config.layers = layers;
    else {
      notes.push(`The model cannot be used (${check.message}); the default model is used instead.`);
      config.layers = fallbackLayers(config.dataset);
    }
  } else if (!checkForDataset(config.dataset, config.layers).ok) {
    config.layers = fallbackLayers(config.dataset);
  }
  return { config, notes };
}

/** What makes a config invalid, one sentence each; empty for a valid one (used by tests and stored runs). */
export function configProblems(config: ExperimentConfig): string[] {
  const { notes } = restoreConfig(config);
  return notes;
}

// ExperimentConfig <-> the query string of a link. Versioned (`v=1`) and
// driven by config/fields.ts, so both directions read one table. Whatever
// the link holds goes through restoreConfig, so a hostile or broken link
// becomes defaults plus notes, never an exception. No window access here.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { ExperimentConfig } from '../config/experiment';
import { CONFIG_FIELDS, readField } from '../config/fields';
import { quote, restoreConfig, type Restored } from '../config/restore';
import { LAYER_FIELDS, isLayerKind } from '../model/layerFields';
import { DATASET_KEYS, decodeDataset, encodeDataset, missingDatasetKeys, unusedDatasetKeys } from './datasetParams';
import { isFrozen, type LayerSpec } from '../model/spec';

export const CODEC_VERSION = 1;
/** Links longer than this are not read at all. */
export const MAX_LINK_LENGTH = 20_000;
/**
 * The compressed part may be at most this long: lz-string output can grow
 * with the square of its input, so this bounds the work of reading a link.
 */
export const MAX_PACKED_LENGTH = 4000;
/** A link's notes beyond this many are summed up in one line. */
export const MAX_NOTES = 20;
/** Above this length the settings are compressed into one `z` field, if that is shorter. */
const COMPRESS_ABOVE = 1000;
/** Query keys that belong to tests, not to the experiment. */
const TEST_KEY = /^e2e\./;

const LAYER_SEPARATOR = '~';
const FIELD_SEPARATOR = '_';
const LAYER_PATTERN = /^([A-Za-z0-9]+)\(([^()]*)\)(!?)$/;
/** After a layer: it is frozen (transfer keeps its weights). */
const FROZEN_MARK = '!';

/** `conv2d(8_5_1_valid_relu)!~maxPool2d(2_2)~flatten()`: each kind's fields in table order; `!`: frozen. */
export function encodeLayers(layers: readonly LayerSpec[]): string {
  return layers
    .map((layer) => {
      const record = layer as unknown as Record<string, unknown>;
      // An absent optional field stays as an empty slot when a later one is set.
      const values = LAYER_FIELDS[layer.kind].map((field) => (record[field.name] === undefined ? '' : String(record[field.name])));
      while (values.length > 0 && values[values.length - 1] === '') values.pop();
      return `${layer.kind}(${values.join(FIELD_SEPARATOR)})${isFrozen(layer) ? FROZEN_MARK : ''}`;
    })
    .join(LAYER_SEPARATOR);
}

/** The loose layer objects a layers string describes; restoreLayer checks them. */
function parseLayers(text: string, notes: string[]): unknown[] {
  if (text === '') return [];
  return text.split(LAYER_SEPARATOR).map((item, i) => {
    const match = LAYER_PATTERN.exec(item);
    if (!match || !isLayerKind(match[1])) return { kind: match ? match[1] : item };
    const fields = LAYER_FIELDS[match[1]];
    const values = match[2] === '' ? [] : match[2].split(FIELD_SEPARATOR);
    if (values.length > fields.length)
      notes.push(`Layer ${i + 1} (${match[1]}) has ${values.length} settings, more than its ${fields.length}; the extra were ignored.`);
    const layer: Record<string, unknown> = { kind: match[1] };
    fields.forEach((field, k) => {
      if (k >= values.length || (field.optional && values[k] === '')) return;
      layer[field.name] = field.type === 'enum' ? values[k] : parseNumber(values[k]);
    });
    if (match[3] === FROZEN_MARK) layer.frozen = true;
    return layer;
  });
}

/** A lesson and its step in a link (`#lesson=overfitting&step=2`), beside or instead of an experiment. */
export const LESSON_KEYS = ['lesson', 'step'] as const;

/** Like Number(), but '' and whitespace are not 0. */
function parseNumber(text: string): number | string {
  return /^\s*$/.test(text) || !Number.isFinite(Number(text)) ? text : Number(text);
}

function parseBool(text: string): boolean | string {
  if (text === '1') return true;
  return text === '0' ? false : text;
}

function formatValue(value: unknown): string {
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

/** Every setting, uncompressed (what `z` packs). */
export function plainQuery(config: ExperimentConfig): string {
  const pairs: [string, string][] = [
    ...encodeDataset(config.dataset),
    ['m', encodeLayers(config.layers)],
    ...CONFIG_FIELDS.map((field): [string, string] => [field.url, formatValue(readField(config, field.path))]),
    // Always present (also empty), so a link cut off before it is recognised as cut.
    ['hide', config.hiddenPanels.join(',')],
  ];
  return pairs.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
}

/** The query string (without `?`) that describes `config`. */
export function encodeExperiment(config: ExperimentConfig): string {
  const plain = plainQuery(config);
  if (plain.length > COMPRESS_ABOVE) {
    const packed = compressToEncodedURIComponent(plain);
    if (packed.length < plain.length) return `v=${CODEC_VERSION}&z=${packed}`;
  }
  return `v=${CODEC_VERSION}&${plain}`;
}

export interface Decoded extends Restored {
  /** False when the query holds no experiment at all (a plain visit). */
  found: boolean;
}

function unpack(params: URLSearchParams, notes: string[]): URLSearchParams {
  const packed = params.get('z');
  if (packed === null) return params;
  if (packed.length > MAX_PACKED_LENGTH) {
    notes.push(
      `The compressed part of the link is ${packed.length.toLocaleString('en-US')} characters long, more than ${MAX_PACKED_LENGTH.toLocaleString('en-US')}; its settings were not read.`,
    );
    params.delete('z');
    return params;
  }
  let inner: string | null;
  try {
    inner = decompressFromEncodedURIComponent(packed);
  } catch {
    inner = null;
  }
  if (!inner) {
    notes.push('The compressed part of the link is damaged; its settings could not be read.');
    return params;
  }
  const merged = new URLSearchParams(inner);
  for (const [key, value] of params) if (key !== 'z') merged.set(key, value);
  return merged;
}

/**
 * Reads an experiment from a query string or fragment (with or without a
 * leading `?` or `#`). Never throws. `e2e.*` keys are skipped only when
 * `allowTestKeys` (a test build); elsewhere they are unknown settings.
 */
export function decodeExperiment(search: string, allowTestKeys = false): Decoded {
  if (search.length > MAX_LINK_LENGTH) {
    const restored = restoreConfig({});
    return {
      ...restored,
      found: true,
      notes: [
        `The link is ${search.length.toLocaleString('en-US')} characters long, too long to be an experiment; the default experiment is shown.`,
      ],
    };
  }
  const notes: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search.startsWith('?') || search.startsWith('#') ? search.slice(1) : search);
  } catch {
    params = new URLSearchParams();
  }
  params = unpack(params, notes);
  // `sw` (a sweep) is read by sweep/link.ts.
  const known = new Set<string>(['v', 'z', 'm', 'hide', 'sw', ...DATASET_KEYS, ...CONFIG_FIELDS.map((field) => field.url)]);
  const keys = [...new Set(params.keys())];
  const found = keys.some((key) => known.has(key));
  // `lesson` and `step` (a lesson's place) are read by state/urlSync.ts; alone they are no experiment.
  for (const key of LESSON_KEYS) known.add(key);
  if (!found) return { ...restoreConfig({}), found: false };

  const version = params.get('v');
  if (version === null) notes.push(`The link has no version; it was read as version ${CODEC_VERSION}.`);
  else if (/^\d+$/.test(version) && Number(version) > CODEC_VERSION) {
    notes.push(
      `The link is version ${quote(version)}, made by a newer version of the playground than this copy (which reads version ${CODEC_VERSION}); settings it adds are not known here. ` +
        'If this page came from the offline cache, reload it while online to update.',
    );
  } else if (version !== String(CODEC_VERSION))
    notes.push(`The link is version ${quote(version)}; this app reads version ${CODEC_VERSION}, so some settings may not be as intended.`);
  const unknown = keys.filter((key) => !known.has(key) && !(allowTestKeys && TEST_KEY.test(key)));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((key) => quote(key));
    notes.push(`Unknown settings were ignored: ${shown.join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}.`);
  }

  const unused = unusedDatasetKeys(params);
  if (unused.length > 0) notes.push(`Settings the link's dataset does not use were ignored: ${unused.join(', ')}.`);
  // A link made by the app names every setting: one that lacks some was cut off or written by hand.
  const missing = [
    ...(params.has('ds') ? missingDatasetKeys(params) : ['Dataset']),
    ...(params.has('m') ? [] : ['Model']),
    ...CONFIG_FIELDS.filter((field) => !params.has(field.url)).map((field) => field.label),
    ...(params.has('hide') ? [] : ['Hidden panels']),
  ];
  if (missing.length > 0)
    notes.push(
      `The link does not say (it may have been cut off): ${missing.join(', ')}; ${missing.length === 1 ? 'its default is' : 'their defaults are'} used.`,
    );

  const raw: Record<string, unknown> = {};
  const dataset = decodeDataset(params);
  if (dataset !== undefined) raw.dataset = dataset;
  const hide = params.get('hide');
  if (hide !== null) raw.hiddenPanels = hide === '' ? [] : hide.split(',');
  const layers = params.get('m');
  if (layers !== null) raw.layers = parseLayers(layers, notes);
  for (const field of CONFIG_FIELDS) {
    const text = params.get(field.url);
    if (text === null) continue;
    const value = field.type === 'number' ? parseNumber(text) : field.type === 'bool' ? parseBool(text) : text;
    if (field.path.length === 2) {
      raw.optimizerParams = raw.optimizerParams ?? {};
      (raw.optimizerParams as Record<string, unknown>)[field.path[1]] = value;
    } else raw[field.path[0]] = value;
  }
  const restored = restoreConfig(raw);
  return { config: restored.config, notes: capNotes([...notes, ...restored.notes]), found: true };
}

/** At most MAX_NOTES notes: a page of hundreds helps nobody (and takes seconds to draw). */
function capNotes(notes: string[]): string[] {
  if (notes.length <= MAX_NOTES) return notes;
  const rest = notes.length - (MAX_NOTES - 1);
  return [
    ...notes.slice(0, MAX_NOTES - 1),
    `…and ${rest.toLocaleString('en-US')} more problems like these; each was replaced by its default.`,
  ];
}

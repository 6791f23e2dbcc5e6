// Loading data in the worker: built-in image sets (bundled sample, or the
// full sets downloaded once and cached), CSV from a sample, an address, a
// file or pasted text, uploaded IDX files, and synthetic 2-D sets. Loaded
// data is kept by source, so training reuses it without reading it again.
import type { CsvSource } from '../../config/datasets';
import { dataKey, DIGITS, FASHION_CLASSES, isLocalData } from '../../config/datasets';
import type { ExperimentConfig } from '../../config/experiment';
import { defaultCsvOptions, summariseTable } from '../../data/csv/infer';
import { CsvError, parseCsv } from '../../data/csv/parse';
import { buildCsvDataset } from '../../data/csv/preprocess';
import { MAX_CSV_BYTES, type Table, type TableSummary } from '../../data/csv/types';
import type { Dataset, Split } from '../../data/dataset';
import { decodeIdxFile } from '../../data/idx';
import { loadBundledMnist, uploadedIdxDataset } from '../../data/mnist';
import { capSplit } from '../../data/split';
import { applyOverfittingKnobs } from '../../data/subset';
import { classKnobsRefusal, imbalancedIndices, imbalanceSettings } from '../../data/imbalance';
import { experimentSplitter, type Splitter } from '../../data/folds';
import { concatPoints, drifted } from '../../data/drift';
import { columnDriftSplitter, ROW_ORDER } from '../../data/columnDrift';
import type { TestHooks } from '../testHooks';
import { ONLINE_SPRITES, decodeOneHotLabels, redChannel, spriteDataset, SPRITE_WIDTH } from '../../data/sprite';
import { generateSynthetic } from '../../data/synthetic';
import { FEATURE_LABELS, toFeatures, type FeatureName } from '../../data/features';
import { fetchBytes, type Progress } from './fetchBytes';

export type BuiltinName = 'mnist-sample' | 'fashion-sample' | 'mnist' | 'fashion-mnist';

/** What the page asks the worker to load (files travel as Blobs). */
export type DataSource =
  | { kind: 'builtin'; name: BuiltinName }
  | { kind: 'csv'; source: CsvSource; header: boolean | null; blob?: Blob; text?: string }
  | { kind: 'idx'; name: string; files: Blob[] };

export type LoadPhase = 'downloading' | 'reading' | 'parsing' | 'decoding';
export type LoadProgress = (phase: LoadPhase, fraction: number | null) => void;

/** What the page learns about loaded data. */
export interface LoadedSummary {
  count: number;
  classes: string[];
  /** One sample's shape for image data; null for a table (it depends on the options). */
  sampleShape: number[] | null;
  table: TableSummary | null;
  fromCache: boolean;
}

type Loaded = { kind: 'images'; dataset: Dataset; fromCache: boolean } | { kind: 'table'; table: Table; summary: TableSummary };

const loaded = new Map<string, Promise<Loaded>>();

/** The key (config/datasets.ts's dataKey) of what a load request reads. */
function keyOf(source: DataSource): string {
  if (source.kind === 'builtin') return source.name;
  return dataKey(
    source.kind === 'csv' ? { kind: 'csv', source: source.source, header: source.header } : { kind: 'idx', name: source.name },
  )!;
}

/** The user's own file last loaded: one is kept at a time, a new one replaces it. */
let localKey: string | null = null;

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvError('The file is not UTF-8 text. Save it as "CSV UTF-8" (in Excel: Save As > CSV UTF-8) and load it again.');
  }
}

/** Draws the sprite in slices (a canvas cannot be 65,000 pixels tall) and keeps the red channel. */
async function decodeSprite(png: Uint8Array<ArrayBuffer>, onProgress: LoadProgress): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(new Blob([png], { type: 'image/png' }));
  if (bitmap.width !== SPRITE_WIDTH) throw new Error(`The image sprite is ${bitmap.width} pixels wide, not ${SPRITE_WIDTH}.`);
  const count = bitmap.height;
  const pixels = new Uint8Array(count * SPRITE_WIDTH);
  const slice = 5000;
  const canvas = new OffscreenCanvas(SPRITE_WIDTH, Math.min(slice, count));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser cannot decode images in a worker (no OffscreenCanvas 2D).');
  for (let first = 0; first < count; first += slice) {
    const rows = Math.min(slice, count - first);
    context.clearRect(0, 0, SPRITE_WIDTH, rows);
    context.drawImage(bitmap, 0, first, SPRITE_WIDTH, rows, 0, 0, SPRITE_WIDTH, rows);
    redChannel(context.getImageData(0, 0, SPRITE_WIDTH, rows).data, rows, pixels, first);
    onProgress('decoding', (first + rows) / count);
  }
  bitmap.close();
  return pixels;
}

/** The full sets come as one large image that only this app can read, so loading it by hand is no way out. */
const SPRITE_ADVICE = 'Try again when the connection is back; meanwhile the bundled MNIST sample (10,000 digits) works offline.';

async function loadOnline(name: 'mnist' | 'fashion-mnist', onProgress: LoadProgress, base?: string): Promise<Loaded> {
  const urls = ONLINE_SPRITES[name];
  const at = (url: string) => (base ? base + url.slice(url.lastIndexOf('/') + 1) : url);
  // Labels are 650 KB, images about 10 MB: progress follows the image bytes.
  const [images, labels] = await Promise.all([
    fetchBytes(at(urls.images), (done, total) => onProgress('downloading', total ? done / total : null), {
      cache: true,
      advice: SPRITE_ADVICE,
    }),
    fetchBytes(at(urls.labels), () => undefined, { cache: true, advice: SPRITE_ADVICE }),
  ]);
  const pixels = await decodeSprite(images.bytes, onProgress);
  const count = pixels.length / SPRITE_WIDTH;
  const classes = name === 'mnist' ? DIGITS : FASHION_CLASSES;
  const dataset = spriteDataset(name === 'mnist' ? 'MNIST' : 'Fashion-MNIST', pixels, decodeOneHotLabels(labels.bytes, count), classes);
  return { kind: 'images', dataset, fromCache: images.fromCache && labels.fromCache };
}

async function csvText(source: DataSource & { kind: 'csv' }, baseUrl: string, onProgress: LoadProgress): Promise<string> {
  const progress: Progress = (done, total) => onProgress('downloading', total ? done / total : null);
  switch (source.source.type) {
    case 'sample':
      return decodeUtf8(
        (await fetchBytes(new URL(`data/samples/${source.source.name}.csv`, baseUrl).href, progress, { maxBytes: MAX_CSV_BYTES })).bytes,
      );
    case 'url':
      return decodeUtf8((await fetchBytes(source.source.url, progress, { maxBytes: MAX_CSV_BYTES })).bytes);
    case 'file': {
      if (!source.blob) throw new CsvError('The file was not received; choose it again.');
      if (source.blob.size > MAX_CSV_BYTES)
        throw new CsvError(`The file is ${(source.blob.size / 2 ** 20).toFixed(1)} MiB, over the limit of ${MAX_CSV_BYTES / 2 ** 20} MiB.`);
      onProgress('reading', null);
      return decodeUtf8(new Uint8Array(await source.blob.arrayBuffer()));
    }
    case 'text':
      if ((source.text ?? '').length > MAX_CSV_BYTES)
        throw new CsvError(`The pasted text is over the limit of ${MAX_CSV_BYTES / 2 ** 20} MiB.`);
      return source.text ?? '';
  }
}

async function loadIdx(files: Blob[], name: string): Promise<Loaded> {
  if (files.length !== 2) throw new Error('Choose two IDX files: the images (…-idx3-ubyte) and the labels (…-idx1-ubyte), gzipped or not.');
  const decoded = await Promise.all(files.map((file) => decodeIdxFile(file, file instanceof File ? file.name : 'An IDX file')));
  const images = decoded.find((array) => array.dims.length === 3);
  const labels = decoded.find((array) => array.dims.length === 1);
  if (!images || !labels) throw new Error('One file must hold images (3 dimensions) and the other labels (1 dimension).');
  return { kind: 'images', dataset: uploadedIdxDataset(name, images, labels), fromCache: false };
}

function load(source: DataSource, baseUrl: string, onProgress: LoadProgress, onlineBase?: string): Promise<Loaded> {
  switch (source.kind) {
    case 'builtin':
      return source.name === 'mnist-sample' || source.name === 'fashion-sample'
        ? loadBundledMnist(baseUrl, fetch, source.name === 'fashion-sample' ? FASHION_CLASSES : undefined).then((dataset) => ({
            kind: 'images',
            dataset,
            fromCache: false,
          }))
        : loadOnline(source.name, onProgress, onlineBase);
    case 'csv':
      return csvText(source, baseUrl, onProgress).then((text) => {
        onProgress('parsing', 0);
        const parsed = parseCsv(text, source.header ?? undefined, (fraction) => onProgress('parsing', fraction));
        return {
          kind: 'table',
          table: parsed.table,
          summary: summariseTable(parsed.table, parsed.header, parsed.delimiter, parsed.skipped),
        };
      });
    case 'idx':
      return loadIdx(source.files, source.name);
  }
}

/** Loads (or reuses) data for the page; a failure leaves what was loaded before in place. */
export async function loadSource(
  source: DataSource,
  baseUrl: string,
  onProgress: LoadProgress,
  onlineBase?: string,
): Promise<LoadedSummary> {
  const key = keyOf(source);
  const local = source.kind === 'idx' || (source.kind === 'csv' && isLocalData({ kind: 'csv', source: source.source }));
  let entry = local ? undefined : loaded.get(key);
  if (!entry) {
    const attempt = load(source, baseUrl, onProgress, onlineBase);
    // Only a successful load replaces what is kept under this key.
    await attempt;
    entry = attempt;
    if (local) {
      if (localKey !== null && localKey !== key) loaded.delete(localKey);
      localKey = key;
    }
    loaded.set(key, entry);
  }
  const data = await entry;
  return data.kind === 'images'
    ? {
        count: data.dataset.count,
        classes: data.dataset.classes,
        sampleShape: data.dataset.sampleShape,
        table: null,
        fromCache: data.fromCache,
      }
    : { count: data.summary.rows, classes: [], sampleShape: null, table: data.summary, fromCache: false };
}

/** A 2-D set as the model sees it: the chosen features of each point; the points stay for drawing. */
export function withFeatures(dataset: Dataset, features: readonly FeatureName[]): Dataset {
  const xy = dataset.x as Float32Array;
  const toInput = (points: Float32Array, count: number) => toFeatures(points, count, features);
  return {
    ...dataset,
    x: toInput(xy, dataset.count),
    sampleShape: [features.length],
    plane: { xy, toInput },
    featureNames: features.map((f) => FEATURE_LABELS[f]),
  };
}

/** A table's splitter: the experiment's, over the earlier or later rows when it drifts by a column. */
function tableSplitter(config: ExperimentConfig, header: readonly string[]): Splitter {
  const base = experimentSplitter(config);
  if (config.driftColumn === '') return base;
  if (config.folds >= 2)
    throw new Error(
      'Drift by a column and k-fold cross-validation do not combine (a fold would mix earlier and later rows): switch one off.',
    );
  const column = config.driftColumn === ROW_ORDER ? null : header.indexOf(config.driftColumn);
  if (column === -1)
    throw new Error(
      `Drift by column: this table has no column "${config.driftColumn.slice(0, 60)}". Pick one of its columns, or switch drift off.`,
    );
  const stage = config.driftApplied ? 'after' : config.driftValidation ? 'decay' : 'before';
  return columnDriftSplitter(base, column, config.driftAmount, stage);
}

/** The experiment's data and its seeded split, loading it first if need be. */
export async function resolveData(
  config: ExperimentConfig,
  baseUrl: string,
  onlineBase?: string,
): Promise<{ dataset: Dataset; split: Split }> {
  const ref = config.dataset;
  if (ref.kind === 'synthetic') {
    const points = generateSynthetic({ shape: ref.shape, count: ref.count, noise: ref.noise, seed: config.seed });
    const split = experimentSplitter(config)(points.y, points.task);
    if (config.driftValidation && !config.driftApplied) {
      // The sweep's drift knob: train on the points as they were, validate on the same validation points as they are now.
      const moved = drifted(points, config.drift, config.driftAmount, config.seed);
      return {
        dataset: withFeatures(concatPoints(points, moved), ref.features),
        split: { train: split.train, validation: Uint32Array.from(split.validation, (i) => i + points.count) },
      };
    }
    // Concept drift: the same points (and split), moved; the model trained before meets them as they are now.
    const dataset = withFeatures(
      config.driftApplied ? drifted(points, config.drift, config.driftAmount, config.seed) : points,
      ref.features,
    );
    return { dataset, split };
  }
  const key = dataKey(ref);
  let entry = key ? loaded.get(key) : undefined;
  if (!entry) {
    if (isLocalData(ref)) {
      throw new Error(
        'The data of this experiment was a local file that is no longer loaded (the page was reloaded, or the worker restarted). Load it again.',
      );
    }
    const source: DataSource =
      ref.kind === 'csv' ? { kind: 'csv', source: ref.source, header: ref.header } : { kind: 'builtin', name: ref.kind as BuiltinName };
    await loadSource(source, baseUrl, () => undefined, onlineBase);
    entry = loaded.get(keyOf(source));
  }
  const data = await entry!;
  if (data.kind === 'images') return { dataset: data.dataset, split: experimentSplitter(config)(data.dataset.y, 'classification') };
  if (ref.kind !== 'csv') throw new Error('The loaded data does not match the experiment.');
  const options = ref.options ?? defaultCsvOptions(data.summary);
  const built = buildCsvDataset(
    data.table,
    data.summary,
    options,
    tableSplitter(config, data.table.header),
    config.seed,
    ref.source.type === 'sample' ? ref.source.name : 'CSV',
  );
  return { dataset: built.dataset, split: built.split };
}

/** The class-imbalance knob on a split (a class the data lacks, or weights by hand that do not fit, refused with the reason). */
function applyImbalance(dataset: Dataset, split: Split, config: ExperimentConfig): Split {
  const refusal = classKnobsRefusal(config, dataset.task, dataset.classes);
  if (refusal) throw new Error(refusal);
  if (config.imbalance === 'off') return split;
  const settings = imbalanceSettings(config);
  if (!settings.validation) return { ...split, train: imbalancedIndices(dataset.y, split.train, settings, config.seed, 'train') };
  return {
    ...split,
    train: imbalancedIndices(dataset.y, split.train, settings, config.seed, 'train'),
    validation: imbalancedIndices(dataset.y, split.validation, settings, config.seed, 'validation'),
    validationBeforeKnobs: split.validation,
  };
}

/**
 * What a run (or the forest beside it) trains and validates on: the
 * experiment's data and seeded split, then the overfitting lab's share of
 * the training set and its flipped training labels (validation untouched),
 * then the class-imbalance knob, then the browser tests' caps.
 */
export async function trainingData(
  config: ExperimentConfig,
  baseUrl: string,
  testHooks?: TestHooks,
): Promise<{ dataset: Dataset; split: Split; flipped: number }> {
  const resolved = await resolveData(config, baseUrl, testHooks?.onlineDataBase);
  const data = applyOverfittingKnobs(resolved.dataset, resolved.split, config.trainFraction, config.labelNoise, config.seed);
  const split = applyImbalance(data.dataset, data.split, config);
  return {
    dataset: data.dataset,
    split: capSplit(split, testHooks?.maxTrainSamples, testHooks?.maxValidationSamples),
    flipped: data.flipped,
  };
}

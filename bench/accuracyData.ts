// The data of the time-to-accuracy race, the same for every contestant:
// the bundled MNIST sample at the app's default split (8,000 / 2,000), or
// Fashion-MNIST from Debian's IDX files (60,000 training images; a
// stratified 2,000 of its 10,000 test images are checked against the target).
import { defaultConfig } from '../src/config/experiment';
import type { Dataset, Split } from '../src/data/dataset';
import { decodeMaybeGzippedIdx } from '../src/data/idx';
import { loadBundledMnist, uploadedIdxDataset } from '../src/data/mnist';
import { stratifiedSplit } from '../src/data/split';

export type RaceData = 'mnist' | 'fashion';

/** Where the bench driver puts Debian's Fashion-MNIST files in the built site. */
export const FASHION_PATH = 'bench-data/fashion/';
const FASHION_CHECKED = 2_000;

async function bytes(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url.pathname}: HTTP ${response.status}.`);
  return new Uint8Array(await response.arrayBuffer());
}

async function fashion(baseUrl: string): Promise<{ dataset: Dataset; split: Split }> {
  const read = async (name: string) => decodeMaybeGzippedIdx(await bytes(new URL(`${FASHION_PATH}${name}`, baseUrl)), name);
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'].map(read),
  );
  const trainCount = trainLabels.dims[0];
  const testCount = testLabels.dims[0];
  const images = new Uint8Array(trainImages.data.length + testImages.data.length);
  images.set(trainImages.data);
  images.set(testImages.data, trainImages.data.length);
  const labels = new Uint8Array(trainCount + testCount);
  labels.set(trainLabels.data);
  labels.set(testLabels.data, trainCount);
  const dataset = uploadedIdxDataset(
    'Fashion-MNIST',
    { dims: [trainCount + testCount, ...trainImages.dims.slice(1)], data: images },
    { dims: [trainCount + testCount], data: labels },
  );
  const checked = stratifiedSplit(testLabels.data, FASHION_CHECKED / testCount, 42).validation.map((i) => i + trainCount);
  return { dataset, split: { train: Uint32Array.from({ length: trainCount }, (_, i) => i), validation: checked } };
}

export async function raceData(data: RaceData, baseUrl: string): Promise<{ dataset: Dataset; split: Split }> {
  if (data === 'fashion') return fashion(baseUrl);
  const dataset = await loadBundledMnist(baseUrl);
  const config = defaultConfig();
  return { dataset, split: stratifiedSplit(dataset.y, config.validationSplit, config.seed) };
}

/** What each contestant reports: when (ms of training, checks included) each target was first reached. */
export interface RaceResult {
  contestant: string;
  backend: string;
  reachedMs: Record<string, number | null>;
  best: number;
  samples: number;
  checks: number;
  elapsedMs: number;
  /** Ours on the MNIST sample: the recipe as the app's link query. */
  link?: string;
  error?: string;
}

/** Checks a score against the targets at `now`; true when the last target is reached. */
export function recordCheck(result: RaceResult, targets: number[], accuracy: number, now: number): boolean {
  result.checks++;
  result.best = Math.max(result.best, accuracy);
  for (const target of targets) if (result.reachedMs[target] === null && accuracy >= target) result.reachedMs[target] = now;
  return targets.every((t) => result.reachedMs[t] !== null);
}

export function emptyResult(contestant: string, targets: number[]): RaceResult {
  return {
    contestant,
    backend: '—',
    reachedMs: Object.fromEntries(targets.map((t) => [t, null])),
    best: 0,
    samples: 0,
    checks: 0,
    elapsedMs: 0,
  };
}

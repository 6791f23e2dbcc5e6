// The Keras export, checked with the real TensorFlow: every case is exported
// in Node with the app's code, then tests/python/check_export.py imports each
// train.py, compares parameter counts and predictions with tfjs, and runs it
// for one epoch. Needs the virtualenv made by scripts/python-env.mjs; without
// Python it is skipped with a line saying so.
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pyString } from '../../src/share/python/literal';
import { trainPy } from '../../src/share/python/project';
import { defaultConfig } from '../../src/config/experiment';
import { presetLayers } from '../../src/model/presets';

/** A project whose names the hostile strings replace (train.py only is generated). */
const PARSE_INPUT = {
  config: { ...defaultConfig(), layers: presetLayers('mlp') },
  link: '',
  info: {
    label: 'MNIST sample',
    task: 'classification' as const,
    inputShape: [28, 28, 1],
    output: { units: 100, activation: 'softmax' as const },
    classes: [],
  },
  modelFiles: [],
  data: { csv: null, preprocessing: null, targetScale: null },
};
import { anyText } from '../share/hostileText';
import { CASES, exportCase, ROOT } from './cases';

const PYTHON = process.env.PYTHON_CHECK_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
const ready = spawnSync(PYTHON, ['-c', 'import tensorflow, keras'], { stdio: 'ignore' }).status === 0;
if (!ready)
  console.log(`Python check skipped: ${PYTHON} cannot import tensorflow and keras (run node scripts/python-env.mjs; it needs python3).`);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!ready)('Export as Python, run with TensorFlow', () => {
  it('train.py rebuilds each model with the same parameters, the same predictions from the browser weights, and trains an epoch', async () => {
    const root = mkdtempSync(join(tmpdir(), 'keras-check-'));
    for (const [i, spec] of CASES.entries()) {
      const exported = await exportCase(spec);
      const folder = join(root, `${String(i).padStart(2, '0')} ${spec.name.replace(/[^\w-]+/g, '-')}`);
      mkdirSync(folder);
      for (const file of exported.files) writeFileSync(join(folder, file.name), file.bytes);
      writeFileSync(join(folder, 'check.json'), JSON.stringify(exported.check));
      // The CSV classifier again, for the cluster path run for real (two workers, a lone one, a kill and resume),
      // without the case's imbalance, weights and folds (--stream, which the cluster check runs, takes none of them).
      if (spec.dataset === 'iris') {
        mkdirSync(join(root, 'cluster'));
        for (const file of (await exportCase({ ...spec, extra: {} })).files) writeFileSync(join(root, 'cluster', file.name), file.bytes);
      }
    }
    // Hostile text: Python itself must read each literal back as the same string.
    const texts = fc.sample(anyText, { numRuns: 1000, seed: 20261128 });
    writeFileSync(join(root, 'literals.json'), JSON.stringify(texts.map((text) => [text, pyString(text)])));
    // The same strings as class names and links of whole train.py files: Python must parse every one.
    const parse = join(root, 'parse');
    mkdirSync(parse);
    for (let k = 0; k < texts.length; k += 100) {
      const names = texts.slice(k, k + 100);
      writeFileSync(
        join(parse, `hostile-${k / 100}.py`),
        trainPy({ ...PARSE_INPUT, link: names[0], info: { ...PARSE_INPUT.info, classes: names } }),
      );
    }
    const run = spawnSync(PYTHON, [join(ROOT, 'tests', 'python', 'check_export.py'), root], { encoding: 'utf8', timeout: 540_000 });
    console.log(run.stdout);
    if (run.status !== 0) console.log(run.stderr.slice(-4000));
    expect(run.stdout.match(/^PASS /gm)?.length ?? 0).toBe(CASES.length + 3);
    expect(run.stdout).toMatch(/^PASS cluster: ok: two workers agree with one process/m);
    expect(run.status).toBe(0);
  }, 600_000);
});

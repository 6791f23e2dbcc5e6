// Export as Python, the pure parts: safe literals for any text, the Keras
// layers for each layer kind (and a refusal naming a layer Keras lacks), and
// the project's files.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { presetLayers } from '../../src/model/presets';
import type { LayerSpec } from '../../src/model/spec';
import { datasetCsv, SPLIT_COLUMN } from '../../src/share/python/dataCsv';
import { exportTable } from '../../src/train/export/exportData';
import { kerasModelLines, KerasExportError } from '../../src/share/python/kerasModel';
import { pyString, pyValue } from '../../src/share/python/literal';
import { pythonProject, trainPy } from '../../src/share/python/project';
import { anyText } from './hostileText';

/** Python's reading of a literal pyString writes (its escapes: \\\\ \\' \\xNN \\uNNNN \\UNNNNNNNN). */
function readPython(literal: string): string {
  expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
  return literal
    .slice(1, -1)
    .replace(/\\(\\|'|x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})/g, (_, escape: string) =>
      escape.length === 1 ? escape : String.fromCodePoint(parseInt(escape.slice(1), 16)),
    );
}

describe('Python literals', () => {
  it('any text comes out as one ASCII line that Python reads back as the same text (property, 2,000 cases)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const literal = pyString(text);
        expect(literal).toMatch(/^'[\x20-\x7e]*'$/);
        // No quote ends it early: every quote inside is escaped.
        expect(literal.slice(1, -1).replace(/\\\\/g, '').replace(/\\'/g, '')).not.toContain("'");
        expect(readPython(literal)).toBe(text);
      }),
      { numRuns: 2000, seed: 20261128 },
    );
  });

  it('writes numbers, booleans, None, lists and dicts as Python does', () => {
    expect(pyValue({ a: [1, 0.5, -0, true, null], 'b"': Number.NaN, c: Number.POSITIVE_INFINITY })).toBe(
      `{'a': [1, 0.5, -0.0, True, None], 'b"': float('nan'), 'c': float('inf')}`,
    );
    expect(pyValue(Array.from({ length: 40 }, (_, i) => `item ${i}`))).toContain(`\n    'item 0',\n`);
  });
});

const MNIST = { inputShape: [28, 28, 1], output: { units: 10, activation: 'softmax' as const } };

describe('Keras layers', () => {
  it('rebuilds each layer kind, with leaky ReLU as its own layer and flatten left out on flat input', () => {
    const layers: LayerSpec[] = [
      { kind: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'leakyRelu', l2: 0.01 },
      { kind: 'batchNormalization' },
      { kind: 'maxPool2d', poolSize: 2, strides: 2 },
      { kind: 'avgPool2d', poolSize: 2, strides: 1 },
      { kind: 'flatten' },
      { kind: 'flatten' },
      { kind: 'dropout', rate: 0.5 },
      { kind: 'dense', units: 8, activation: 'elu', l1: 0.001 },
    ];
    const lines = kerasModelLines(layers, MNIST.inputShape, MNIST.output);
    expect(lines).toEqual([
      "model = keras.Sequential(name='playground')",
      'model.add(keras.Input(shape=(28, 28, 1)))',
      "model.add(layers.Conv2D(4, 3, strides=1, padding='same', activation='linear', kernel_initializer=init(0), kernel_regularizer=penalty(l1=0, l2=0.01)))",
      'model.add(layers.LeakyReLU(negative_slope=0.2))',
      'model.add(layers.BatchNormalization())',
      'model.add(layers.MaxPooling2D(pool_size=2, strides=2))',
      'model.add(layers.AveragePooling2D(pool_size=2, strides=1))',
      'model.add(layers.Flatten())',
      "model.add(layers.Dropout(0.5, seed=EXPERIMENT['seed'] + 6))",
      "model.add(layers.Dense(8, activation='elu', kernel_initializer=init(7), kernel_regularizer=penalty(l1=0.001, l2=0)))",
      "model.add(layers.Dense(10, activation='softmax', kernel_initializer=init(8), kernel_regularizer=penalty(l1=0, l2=0)))",
      'return model',
    ]);
    expect(
      kerasModelLines([{ kind: 'flatten' }, { kind: 'dense', units: 2, activation: 'tanh' }], [2], { units: 1, activation: 'linear' })[1],
    ).toBe('model.add(keras.Input(shape=(2,)))');
    // A frozen layer keeps its weights in Keras too.
    const frozen = kerasModelLines(
      [
        { kind: 'conv2d', filters: 2, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu', frozen: true },
        { kind: 'flatten' },
        { kind: 'dense', units: 3, activation: 'relu', frozen: true },
        { kind: 'dense', units: 3, activation: 'relu' },
      ],
      MNIST.inputShape,
      MNIST.output,
    );
    expect(frozen.filter((line) => line.endsWith(', trainable=False))'))).toHaveLength(2);
    expect(frozen[2]).toContain('Conv2D(2, 3');
    expect(frozen[2]).toMatch(/trainable=False\)\)$/);
    expect(frozen[5]).not.toContain('trainable');
  });

  it('refuses a layer or activation Keras has no equivalent for, naming it, instead of exporting something else', () => {
    const unknown = [
      { kind: 'dense', units: 4, activation: 'relu' },
      { kind: 'lstm', units: 4 },
    ] as unknown as LayerSpec[];
    expect(() => kerasModelLines(unknown, [4], MNIST.output)).toThrow(KerasExportError);
    expect(() => kerasModelLines(unknown, [4], MNIST.output)).toThrow('Layer 2 (lstm): Keras has no equivalent of this layer');
    const swish = [{ kind: 'dense', units: 4, activation: 'swish"); import os' }] as unknown as LayerSpec[];
    expect(() => kerasModelLines(swish, [4], MNIST.output)).toThrow(
      'Layer 1 (dense): the activation "swish"); import os" has no Keras equivalent.',
    );
    const bad = [{ kind: 'dense', units: '4); import os #', activation: 'relu' }] as unknown as LayerSpec[];
    expect(() => kerasModelLines(bad, [4], MNIST.output)).toThrow('is not a positive whole number');
  });
});

describe('the project', () => {
  const input = {
    config: { ...defaultConfig(), layers: presetLayers('mlp') },
    link: "http://app.invalid/#v=1&x='); import os",
    info: { label: 'MNIST sample', task: 'classification' as const, ...MNIST, classes: [...'0123456789'] },
    modelFiles: [
      { name: 'model.json', bytes: new Uint8Array([123, 125]) },
      { name: 'weights.bin', bytes: new Uint8Array(4) },
      { name: 'experiment.json', bytes: new Uint8Array([123, 125]) },
    ],
    data: { csv: null, preprocessing: null, targetScale: null },
  };

  it('holds train.py, requirements, README and the model files; data.csv only when there is one', () => {
    expect(pythonProject(input).map((f) => f.name)).toEqual([
      'train.py',
      'requirements.txt',
      'requirements-cpu.txt',
      'README.md',
      'model.json',
      'weights.bin',
      'experiment.json',
    ]);
    expect(pythonProject({ ...input, data: { ...input.data, csv: 'x,y,label\n' } }).map((f) => f.name)).toContain('data.csv');
  });

  it('pins a known-good set with upper bounds, CPU-only wheels in their own file (the one the Python check installs)', () => {
    const files = Object.fromEntries(pythonProject(input).map((f) => [f.name, new TextDecoder().decode(f.bytes)]));
    const pins = (text: string) => text.split('\n').filter((line) => line && !line.startsWith('#'));
    for (const name of ['requirements.txt', 'requirements-cpu.txt'])
      expect(pins(files[name]).every((line) => /[>]=.*,<\d/.test(line))).toBe(true);
    expect(pins(files['requirements-cpu.txt'])[0]).toMatch(/^tensorflow-cpu>=/);
    expect(pins(files['requirements.txt'])[0]).toMatch(/^tensorflow>=/);
    expect(files['README.md']).toContain('pip install -r requirements-cpu.txt');
    expect(files['README.md']).toContain('keras-team/keras#20585');
  });

  it('a name that spells a template marker stays a name: the model is built once, in its place', () => {
    const markers = ['# {{BUILD_MODEL}}', '# {{EXPERIMENT}}', '{{BUILD_MODEL}}', "'# {{EXPERIMENT}}'"];
    const source = trainPy({ ...input, link: '# {{BUILD_MODEL}}', info: { ...input.info, classes: [...markers, ...'012345'] } });
    expect(source.match(/^def build_model\(/gm)).toHaveLength(1);
    expect(source.match(/model = keras\.Sequential\(/g)).toHaveLength(1);
    expect(source).toContain("LINK = '# {{BUILD_MODEL}}'");
    for (const marker of markers) expect(source).toContain(pyString(marker));
  });

  it('train.py carries the experiment and the model, with the link as a string', () => {
    const source = trainPy(input);
    expect(source).not.toContain('{{');
    expect(source).toContain("LINK = 'http://app.invalid/#v=1&x=\\'); import os'");
    expect(source).toContain("'optimizer': 'adam'");
    expect(source).toContain("model.add(layers.Dense(128, activation='relu'");
    expect(source).toContain('MultiWorkerMirroredStrategy');
  });

  it('data.csv marks each row with the split it was in', () => {
    const dataset = {
      name: 't',
      task: 'classification' as const,
      x: new Float32Array(6),
      y: new Uint8Array([0, 1, 1]),
      count: 3,
      sampleShape: [2],
      classes: ['a', 'b'],
      sourceHeader: ['x"1', 'label'],
      sourceRows: [
        ['1', 'a'],
        ['2', 'b'],
        ['3', 'b'],
      ],
    };
    const csv = datasetCsv(exportTable(dataset, { train: Uint32Array.from([0, 2]), validation: Uint32Array.from([1]) }));
    expect(csv).toBe(`"x""1",label,${SPLIT_COLUMN}\n1,a,train\n2,b,validation\n3,b,train`);
  });
});

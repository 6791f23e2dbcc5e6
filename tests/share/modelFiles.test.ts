// Model files: what "Download model" writes is a real tfjs LayersModel (it
// loads and predicts the same), and what "Open model" reads is checked.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { buildModel } from '../../src/model/build';
import { presetLayers } from '../../src/model/presets';
import { mismatch, modelFiles, outputReplaced, readModelFiles, type ExperimentFile } from '../../src/share/modelFiles';
import { exportArtifacts } from '../../src/train/export/modelArtifacts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function experimentFor(inputShape: number[]): ExperimentFile {
  return {
    app: 'training-playground',
    version: 1,
    link: 'http://app.invalid/#v=1',
    config: { ...defaultConfig(), layers: presetLayers('mlp') },
    dataset: 'MNIST sample',
    task: 'classification',
    inputShape,
    classes: [...'0123456789'],
    metrics: null,
  };
}

describe('model files', () => {
  it('round-trip: the files load with tf.loadLayersModel and predict exactly as the model did', async () => {
    const model = buildModel(presetLayers('mlp'), [28, 28, 1], { units: 10, activation: 'softmax' }, 7);
    const files = modelFiles(await exportArtifacts(model), experimentFor([28, 28, 1]));
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'experiment.json']);
    const opened = readModelFiles(files);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: opened.artifacts.modelTopology,
        weightSpecs: opened.artifacts.weightSpecs as tf.io.WeightsManifestEntry[],
        weightData: opened.artifacts.weightData,
      }),
    );
    const input = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 3);
    const before = (model.predict(input) as tf.Tensor).dataSync();
    const after = (loaded.predict(input) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
    // The weights the next run starts from are the model's own, in order.
    expect(opened.weights.map((w) => w.shape)).toEqual(model.getWeights().map((w) => w.shape));
    expect(Array.from(opened.weights[0].values.slice(0, 5))).toEqual(Array.from(model.getWeights()[0].dataSync().slice(0, 5)));
    expect(opened.experiment.config.layers).toEqual(presetLayers('mlp'));
  });

  it('refuse files that are broken, incomplete, foreign or mismatched, naming the problem', async () => {
    const model = buildModel([{ kind: 'dense', units: 3, activation: 'relu' }], [4], { units: 2, activation: 'softmax' }, 1);
    const files = modelFiles(await exportArtifacts(model), experimentFor([4]));
    const [json, weights, experiment] = files;
    expect(() => readModelFiles([{ name: 'model.json', bytes: new TextEncoder().encode('{nope') }])).toThrow(
      /model.json is not readable JSON/,
    );
    expect(() => readModelFiles([json, experiment])).toThrow(/weight file "weights.bin" named in model.json was not chosen/);
    expect(() => readModelFiles([json, { name: 'weights.bin', bytes: weights.bytes.slice(4) }, experiment])).toThrow(
      /do not belong together/,
    );
    expect(() => readModelFiles([json, weights])).toThrow(/Choose experiment.json too/);
    expect(() => readModelFiles([json, weights, { name: 'experiment.json', bytes: new TextEncoder().encode('{"app":"other"}') }])).toThrow(
      /not written by this app/,
    );
    const graph = new TextEncoder().encode(JSON.stringify({ format: 'graph-model', modelTopology: {}, weightsManifest: [] }));
    expect(() => readModelFiles([{ name: 'model.json', bytes: graph }])).toThrow(/only layers models can be opened/);
    const exp = experimentFor([4]);
    expect(mismatch(exp, { inputShape: [28, 28, 1], classes: exp.classes, task: 'classification', label: 'MNIST sample' })).toMatch(
      /input of shape \[4\]/,
    );
    // Other classes are no mismatch: transfer replaces the output layer.
    expect(mismatch(exp, { inputShape: [4], classes: ['a', 'b'], task: 'classification', label: 'iris' })).toBeNull();
    expect(outputReplaced(exp, { classes: ['a', 'b'] })).toBe(true);
    expect(outputReplaced(exp, { classes: exp.classes.map((c) => `${c} `) })).toBe(true);
    expect(outputReplaced(exp, { classes: exp.classes.slice() })).toBe(false);
    expect(mismatch(exp, { inputShape: [4], classes: [], task: 'regression', label: 'cars' })).toMatch(/does classification/);
    expect(mismatch(exp, { inputShape: [4], classes: exp.classes, task: 'classification', label: 'x' })).toBeNull();
  });

  it('check every weight shape and read experiment.json field by field', async () => {
    const layers = [{ kind: 'flatten' as const }, { kind: 'dense' as const, units: 4, activation: 'relu' as const }];
    const model = buildModel(layers, [28, 28, 1], { units: 10, activation: 'softmax' }, 1);
    const experiment = { ...experimentFor([28, 28, 1]), config: { ...defaultConfig(), layers } };
    const [json, weights, exp] = modelFiles(await exportArtifacts(model), experiment);
    const manifest = JSON.parse(new TextDecoder().decode(json.bytes));
    const withShape = (shape: number[]) => {
      const copy = structuredClone(manifest);
      copy.weightsManifest[0].weights[0].shape = shape;
      return { name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(copy)) };
    };
    // No weight has such sizes, whatever the byte count.
    expect(() => readModelFiles([withShape([-2, -8]), weights, exp])).toThrow(/shape \[-2, -8\]; a weight's sizes are whole numbers/);
    expect(() => readModelFiles([withShape([0.5, 32]), weights, exp])).toThrow(/shape \[0.5, 32\]/);
    // Right sizes, wrong model: the layers in experiment.json take other weights.
    const other = { ...experiment, config: { ...experiment.config, layers: [layers[0], { ...layers[1], units: 5 }] } };
    const otherExp = modelFiles(await exportArtifacts(model), other)[2];
    expect(() => readModelFiles([json, weights, otherExp])).toThrow(/do not fit the layers in experiment.json/);
    // A saved score that is not a number is left out with a note, not shown as a crash later.
    const raw = JSON.parse(new TextDecoder().decode(exp.bytes));
    raw.metrics = { epoch: 3, validation: { loss: 0.4, accuracy: '0.9', f1: 0.8 } };
    const opened = readModelFiles([json, weights, { name: 'experiment.json', bytes: new TextEncoder().encode(JSON.stringify(raw)) }]);
    expect(opened.experiment.metrics).toEqual({ epoch: 3, validation: { loss: 0.4, f1: 0.8 } });
    expect(opened.notes.join(' ')).toContain('the saved accuracy is not a number and is not shown');
    raw.inputShape = ['four'];
    expect(() =>
      readModelFiles([json, weights, { name: 'experiment.json', bytes: new TextEncoder().encode(JSON.stringify(raw)) }]),
    ).toThrow(/inputShape/);
  });
});

// The page and the run agree on which model is opened: a failed Open keeps
// the model opened before, on show and in use; changed layers mean Train
// starts from new weights, and the page says so.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { buildModel } from '../../src/model/build';
import { modelFiles } from '../../src/share/modelFiles';
import { openModel as openWithWorker } from '../../src/state/modelActions';
import { expandModelFiles } from '../../src/train/data/modelFiles';

/** As the page does, with the worker's expansion run here. */
const openModel = (files: File[]) => openWithWorker(files, expandModelFiles);
import { initialState, openedStart, useAppStore } from '../../src/state/store';
import { exportArtifacts } from '../../src/train/export/modelArtifacts';

const layers = [{ kind: 'flatten' as const }, { kind: 'dense' as const, units: 3, activation: 'relu' as const }];

async function savedModel(): Promise<File[]> {
  const model = buildModel(layers, [28, 28, 1], { units: 10, activation: 'softmax' }, 2);
  const files = modelFiles(await exportArtifacts(model), {
    app: 'training-playground',
    version: 1,
    link: '',
    config: { ...defaultConfig(), layers },
    dataset: 'MNIST sample',
    task: 'classification',
    inputShape: [28, 28, 1],
    classes: [...'0123456789'],
    metrics: { epoch: 2, validation: { loss: 0.5, accuracy: 0.8 } },
  });
  model.dispose();
  return files.map((file) => new File([file.bytes.slice()], file.name));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => useAppStore.setState(initialState()));

describe('opening a model', () => {
  it('keeps the model opened before, on show and in use, when a later open fails', async () => {
    await openModel(await savedModel());
    const first = useAppStore.getState().openedModel!;
    expect(first.summary).toContain('validation accuracy 0.800');
    expect(openedStart(useAppStore.getState())?.weights).toBe(first.weights);

    await openModel([new File(['{nope'], 'model.json')]);
    const after = useAppStore.getState().openedModel!;
    expect(after.error).toMatch(/not readable JSON.*The model opened before stays in use\./);
    expect(after.summary).toBe(first.summary);
    expect(openedStart(useAppStore.getState())?.weights).toBe(first.weights);
  });

  it('starts from new weights once the layers change, as the page then says', async () => {
    await openModel(await savedModel());
    useAppStore.setState((state) => ({ config: { ...state.config, layers: [layers[0], { ...layers[1], units: 4 }] } }));
    expect(openedStart(useAppStore.getState())).toBeNull();
    useAppStore.setState((state) => ({ config: { ...state.config, layers } }));
    expect(openedStart(useAppStore.getState())).not.toBeNull();
  });

  it('transfers a digits model to Fashion-MNIST: only its layers apply, its output is replaced, and freezing keeps it in use', async () => {
    useAppStore.setState((state) => ({ config: { ...state.config, dataset: { kind: 'fashion-sample' }, trainFraction: 0.01, epochs: 7 } }));
    await openModel(await savedModel());
    const state = useAppStore.getState();
    expect(state.openedModel?.error).toBeNull();
    expect(state.openedModel?.replaceOutput).toBe(true);
    expect(state.openedModel?.summary).toMatch(/output layer is replaced/);
    // The learner's own settings stay; the layers are the kept model's.
    expect(state.config.trainFraction).toBe(0.01);
    expect(state.config.epochs).toBe(7);
    expect(state.config.layers).toEqual(layers);
    expect(openedStart(state)?.replaceOutput).toBe(true);
    // Freezing a layer changes no weight shape: the kept model stays in use.
    useAppStore.setState((s) => ({ config: { ...s.config, layers: [layers[0], { ...layers[1], frozen: true }] } }));
    expect(openedStart(useAppStore.getState())?.weights).toBe(state.openedModel?.weights);
  });
});

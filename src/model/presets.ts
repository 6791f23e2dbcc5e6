import type { LayerKind, LayerSpec } from './spec';

/** Named starting points for the layer stack (hidden layers only). */
export const PRESETS = {
  logistic: {
    label: 'Logistic regression',
    layers: [{ kind: 'flatten' }],
  },
  mlp: {
    label: 'MLP',
    layers: [{ kind: 'flatten' }, { kind: 'dense', units: 128, activation: 'relu' }, { kind: 'dense', units: 64, activation: 'relu' }],
  },
  playground: {
    label: 'Small tanh net, 4-2 (TensorFlow Playground)',
    layers: [
      { kind: 'dense', units: 4, activation: 'tanh' },
      { kind: 'dense', units: 2, activation: 'tanh' },
    ],
  },
  spiral: {
    label: 'Tanh net, 8-8 (for the spiral)',
    layers: [
      { kind: 'dense', units: 8, activation: 'tanh' },
      { kind: 'dense', units: 8, activation: 'tanh' },
    ],
  },
  lenet: {
    label: 'LeNet-style CNN',
    layers: [
      { kind: 'conv2d', filters: 8, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
      { kind: 'maxPool2d', poolSize: 2, strides: 2 },
      { kind: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
      { kind: 'maxPool2d', poolSize: 2, strides: 2 },
      { kind: 'flatten' },
    ],
  },
  overfit: {
    label: 'Oversized MLP ("overfit me")',
    layers: [
      { kind: 'flatten' },
      { kind: 'dense', units: 1024, activation: 'relu' },
      { kind: 'dense', units: 1024, activation: 'relu' },
      { kind: 'dense', units: 512, activation: 'relu' },
    ],
  },
} satisfies Record<string, { label: string; layers: LayerSpec[] }>;

export type PresetName = keyof typeof PRESETS;

/** A fresh copy of a preset's layers. */
export function presetLayers(name: PresetName): LayerSpec[] {
  return structuredClone(PRESETS[name].layers) as LayerSpec[];
}

/** A sensible new layer of each kind, for the Add button. */
export function defaultLayer(kind: LayerKind): LayerSpec {
  switch (kind) {
    case 'dense':
      return { kind, units: 32, activation: 'relu' };
    case 'conv2d':
      return { kind, filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' };
    case 'maxPool2d':
    case 'avgPool2d':
      return { kind, poolSize: 2, strides: 2 };
    case 'flatten':
    case 'batchNormalization':
      return { kind };
    case 'dropout':
      return { kind, rate: 0.25 };
  }
}

export const LAYER_KINDS: LayerKind[] = ['dense', 'conv2d', 'maxPool2d', 'avgPool2d', 'flatten', 'dropout', 'batchNormalization'];

/** A preset's name as the page shows it. */
export function presetLabel(name: PresetName): string {
  return PRESETS[name]?.label ?? String(name);
}

// Edits of the layer stack, as pure list operations applied to the store.
import { canFreeze, type LayerKind, type LayerSpec } from '../model/spec';
import { defaultLayer, presetLayers, type PresetName } from '../model/presets';
import { updateConfig } from './actions';

const setLayers = (edit: (layers: LayerSpec[]) => LayerSpec[]) => updateConfig((config) => ({ ...config, layers: edit(config.layers) }));

/** Adds a new layer of `kind` at `index` (default: the end). */
export function addLayer(kind: LayerKind, index?: number): void {
  setLayers((layers) => {
    const at = index ?? layers.length;
    return [...layers.slice(0, at), defaultLayer(kind), ...layers.slice(at)];
  });
}

export function removeLayer(index: number): void {
  setLayers((layers) => layers.filter((_, i) => i !== index));
}

/** Inserts a copy of layer `index` right after it. */
export function duplicateLayer(index: number): void {
  setLayers((layers) => [...layers.slice(0, index + 1), structuredClone(layers[index]), ...layers.slice(index + 1)]);
}

/** Moves layer `index` by `offset` places (-1 up, +1 down), within bounds. */
export function moveLayer(index: number, offset: -1 | 1): void {
  setLayers((layers) => {
    const target = index + offset;
    if (target < 0 || target >= layers.length) return layers;
    const next = layers.slice();
    [next[index], next[target]] = [next[target], next[index]];
    return next;
  });
}

/** Replaces layer `index` (settings edited in place). */
export function updateLayer(index: number, layer: LayerSpec): void {
  setLayers((layers) => layers.map((old, i) => (i === index ? layer : old)));
}

/** Freezes layer `index` (its weights stay as they start), or lets it train again. */
export function setFrozen(index: number, frozen: boolean): void {
  setLayers((layers) =>
    layers.map((layer, i) => {
      if (i !== index || !canFreeze(layer)) return layer;
      const rest = { ...layer };
      delete rest.frozen;
      return frozen ? { ...rest, frozen: true } : rest;
    }),
  );
}

export function applyPreset(name: PresetName): void {
  setLayers(() => presetLayers(name));
}

/** The overfitting lab's dropout rate. */
export const LAB_DROPOUT = 0.5;

/** Dropout after every hidden dense layer, or none at all: the lab's one-click toggle. */
export function withDropout(layers: readonly LayerSpec[], on: boolean): LayerSpec[] {
  const plain = layers.filter((layer) => layer.kind !== 'dropout');
  if (!on) return plain;
  return plain.flatMap((layer) => (layer.kind === 'dense' ? [layer, { kind: 'dropout', rate: LAB_DROPOUT } as LayerSpec] : [layer]));
}

export function setDropout(on: boolean): void {
  setLayers((layers) => withDropout(layers, on));
}

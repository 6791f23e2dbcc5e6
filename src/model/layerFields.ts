// One table of every layer kind's settings, with types and bounds. The URL
// codec writes a layer's fields in this order, and restoring untrusted layers
// (from a link or from storage) checks each one against these bounds.
import { ACTIVATIONS, type LayerKind } from './spec';

export type LayerField =
  | { name: string; type: 'int'; min: number; max: number; optional?: false }
  | { name: string; type: 'number'; min: number; max: number; maxExclusive?: boolean; optional?: boolean }
  | { name: string; type: 'enum'; values: readonly string[]; optional?: false };

/** Generous caps: a single layer may not ask for more than this. */
export const MAX_UNITS = 8192;
export const MAX_FILTERS = 1024;
export const MAX_WINDOW = 64;
/** Most layers a stack may have. */
export const MAX_LAYERS = 32;

const activation: LayerField = { name: 'activation', type: 'enum', values: ACTIVATIONS };
const penalties: LayerField[] = [
  { name: 'l1', type: 'number', min: 0, max: 1, optional: true },
  { name: 'l2', type: 'number', min: 0, max: 1, optional: true },
];
const pooling: LayerField[] = [
  { name: 'poolSize', type: 'int', min: 1, max: MAX_WINDOW },
  { name: 'strides', type: 'int', min: 1, max: MAX_WINDOW },
];

/** Each kind's settings in a fixed order; optional ones come last. */
export const LAYER_FIELDS: Record<LayerKind, readonly LayerField[]> = {
  dense: [{ name: 'units', type: 'int', min: 1, max: MAX_UNITS }, activation, ...penalties],
  conv2d: [
    { name: 'filters', type: 'int', min: 1, max: MAX_FILTERS },
    { name: 'kernelSize', type: 'int', min: 1, max: MAX_WINDOW },
    { name: 'strides', type: 'int', min: 1, max: MAX_WINDOW },
    { name: 'padding', type: 'enum', values: ['valid', 'same'] },
    activation,
    ...penalties,
  ],
  maxPool2d: pooling,
  avgPool2d: pooling,
  flatten: [],
  dropout: [{ name: 'rate', type: 'number', min: 0, max: 1, maxExclusive: true }],
  batchNormalization: [],
};

export function isLayerKind(value: unknown): value is LayerKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(LAYER_FIELDS, value);
}

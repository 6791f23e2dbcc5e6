// What the network picture draws, built in the worker from the model's real
// weights: per drawn column (the input, each dense layer, the output) the
// units shown and, on the 2-D sets, each unit's activation over the plane as
// a small heatmap; per pair of dense columns the weights of the edges shown.
// Only thumbnails and a few hundred numbers travel, never tensors. Pure.
import type { LayerSpec, OutputSpec } from '../../model/spec';
import { activate } from '../engines/fused/net';
import { HEATMAP_SIZE, MAX_DRAWN_UNITS, type NetworkPicture, type PictureColumn } from '../../model/picture';

export type { NetworkPicture } from '../../model/picture';

/** Weights per layer kind, in tfjs order (dense: kernel, bias; conv: kernel, bias; batch norm: four). */
const WEIGHT_COUNT: Record<LayerSpec['kind'], number> = {
  dense: 2,
  conv2d: 2,
  batchNormalization: 4,
  dropout: 0,
  flatten: 0,
  maxPool2d: 0,
  avgPool2d: 0,
};

interface DenseStep {
  kernel: Float32Array;
  bias: Float32Array;
  inputs: number;
  units: number;
  activation: Parameters<typeof activate>[4];
  /** Only dropout (the identity at inference) and a flatten of flat input since the previous drawn column. */
  direct: boolean;
}

/** The dense steps of the model in order (hidden layers, then the output), or why the heatmaps cannot be computed. */
function denseSteps(
  layers: readonly LayerSpec[],
  output: OutputSpec,
  weights: readonly Float32Array[],
  inputSize: number | null,
): { steps: DenseStep[]; exact: boolean } {
  const steps: DenseStep[] = [];
  let w = 0;
  let direct = inputSize !== null;
  let exact = inputSize !== null;
  let inputs = inputSize ?? 0;
  const all: LayerSpec[] = [...layers, { kind: 'dense', units: output.units, activation: output.activation }];
  for (const layer of all) {
    if (layer.kind === 'dense') {
      const kernel = weights[w];
      const bias = weights[w + 1];
      const fanIn = kernel.length / layer.units;
      steps.push({ kernel, bias, inputs: fanIn, units: layer.units, activation: layer.activation, direct: direct && fanIn === inputs });
      inputs = layer.units;
      direct = true;
    } else if (layer.kind !== 'dropout' && layer.kind !== 'flatten') {
      direct = false;
      exact = false;
    }
    w += WEIGHT_COUNT[layer.kind];
  }
  return { steps, exact };
}

/** Bytes for values: 128 + 127·v / max|v| per unit (column-major input: `values[point * units + unit]`). */
function heatmapBytes(values: Float64Array, points: number, units: number, shown: number): Uint8Array {
  const out = new Uint8Array(shown * points);
  for (let u = 0; u < shown; u++) {
    let max = 1e-12;
    for (let p = 0; p < points; p++) max = Math.max(max, Math.abs(values[p * units + u]));
    for (let p = 0; p < points; p++) out[u * points + p] = Math.round(128 + (127 * values[p * units + u]) / max);
  }
  return out;
}

/** The output column of a two-class model shows the probability of the second class: 0 → 0, 0.5 → 128, 1 → 255. */
function probabilityBytes(values: Float64Array, points: number, units: number, shown: number): Uint8Array {
  const out = new Uint8Array(shown * points);
  for (let u = 0; u < shown; u++) for (let p = 0; p < points; p++) out[u * points + p] = Math.round(values[p * units + u] * 255);
  return out;
}

/** Each convolution's kernels seen channel to channel: the mean of each kernel from input channel i to output channel o. */
function channelLinks(
  layers: readonly LayerSpec[],
  weights: readonly Float32Array[],
): { channels: (Float32Array | null)[]; maxChannel: number } {
  let w = 0;
  let maxChannel = 0;
  const channels = layers.map((layer) => {
    const at = w;
    w += WEIGHT_COUNT[layer.kind];
    if (layer.kind !== 'conv2d') return null;
    // tfjs's conv kernel: [k, k, in, out], out fastest.
    const kernel = weights[at];
    const taps = layer.kernelSize * layer.kernelSize;
    const inputs = kernel.length / (taps * layer.filters);
    const [inShown, outShown] = [Math.min(inputs, MAX_DRAWN_UNITS), Math.min(layer.filters, MAX_DRAWN_UNITS)];
    const links = new Float32Array(inShown * outShown);
    for (let i = 0; i < inShown; i++)
      for (let o = 0; o < outShown; o++) {
        let sum = 0;
        for (let t = 0; t < taps; t++) sum += kernel[(t * inputs + i) * layer.filters + o];
        links[i * outShown + o] = sum / taps;
        maxChannel = Math.max(maxChannel, Math.abs(sum / taps));
      }
    return links;
  });
  return { channels, maxChannel };
}

/**
 * The picture of a model. `plane`, for the 2-D sets: how grid points become
 * model input, and the half-width of the square they cover.
 */
export function networkPicture(
  layers: readonly LayerSpec[],
  output: OutputSpec,
  inputSize: number | null,
  weights: readonly Float32Array[],
  plane: { toInput(points: Float32Array, count: number): Float32Array; extent: number } | null,
): NetworkPicture {
  const { steps, exact } = denseSteps(layers, output, weights, inputSize);
  const shownOf = (units: number) => Math.min(units, MAX_DRAWN_UNITS);
  const columns: PictureColumn[] = [];
  const edges: (Float32Array | null)[] = [];
  let maxWeight = 0;
  const inputUnits = inputSize ?? 0;
  columns.push({ units: inputUnits, shown: shownOf(inputUnits), heatmaps: null, biases: null });
  for (const step of steps) {
    const fromShown = columns[columns.length - 1].shown;
    const shown = shownOf(step.units);
    if (step.direct) {
      const drawn = new Float32Array(fromShown * shown);
      for (let i = 0; i < fromShown; i++)
        for (let o = 0; o < shown; o++) {
          const value = step.kernel[i * step.units + o];
          drawn[i * shown + o] = value;
          maxWeight = Math.max(maxWeight, Math.abs(value));
        }
      edges.push(drawn);
    } else edges.push(null);
    columns.push({ units: step.units, shown, heatmaps: null, biases: step.bias.slice(0, shown) });
  }

  if (plane && exact && inputSize !== null) {
    const n = HEATMAP_SIZE;
    const points = n * n;
    const grid = new Float32Array(points * 2);
    for (let row = 0; row < n; row++)
      for (let col = 0; col < n; col++) {
        grid[(row * n + col) * 2] = -plane.extent + ((col + 0.5) / n) * 2 * plane.extent;
        grid[(row * n + col) * 2 + 1] = plane.extent - ((row + 0.5) / n) * 2 * plane.extent;
      }
    let a = Float64Array.from(plane.toInput(grid, points));
    columns[0].heatmaps = heatmapBytes(a, points, inputSize, columns[0].shown);
    steps.forEach((step, k) => {
      const z = new Float64Array(points * step.units);
      for (let p = 0; p < points; p++)
        for (let o = 0; o < step.units; o++) {
          let sum = step.bias[o];
          for (let i = 0; i < step.inputs; i++) sum += a[p * step.inputs + i] * step.kernel[i * step.units + o];
          z[p * step.units + o] = sum;
        }
      const next = new Float64Array(points * step.units);
      activate(z, next, points, step.units, step.activation);
      const column = columns[k + 1];
      const last = k === steps.length - 1;
      column.heatmaps =
        last && step.activation === 'softmax'
          ? probabilityBytes(next, points, step.units, column.shown)
          : heatmapBytes(next, points, step.units, column.shown);
      a = next;
    });
  }
  const convolutions = layers.some((layer) => layer.kind === 'conv2d') ? channelLinks(layers, weights) : null;
  return convolutions ? { columns, edges, maxWeight, ...convolutions } : { columns, edges, maxWeight };
}

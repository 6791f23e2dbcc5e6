// The network picture comes from the model's real weights: hand-set nets
// give the heatmap values and edges worked out here by hand.
import { describe, expect, it } from 'vitest';
import { FEATURES, featureValue, toFeatures } from '../../src/data/features';
import { HEATMAP_SIZE } from '../../src/model/picture';
import type { LayerSpec } from '../../src/model/spec';
import { networkPicture } from '../../src/train/insight/networkPicture';
import { layoutNetwork } from '../../src/ui/model/networkLayout';

const identityPlane = { toInput: (points: Float32Array) => Float32Array.from(points), extent: 1 };
/** The grid point of heatmap cell (row, col), as the picture lays it out. */
const cellPoint = (row: number, col: number) => [-1 + ((col + 0.5) / HEATMAP_SIZE) * 2, 1 - ((row + 0.5) / HEATMAP_SIZE) * 2];

describe('the network picture', () => {
  // 2 inputs -> dense(2, tanh) -> output(2, softmax); kernels are [inputs, units] row-major.
  const layers: LayerSpec[] = [{ kind: 'dense', units: 2, activation: 'tanh' }];
  const hidden = { kernel: Float32Array.from([1, -2, 0.5, 3]), bias: Float32Array.from([0.1, -0.2]) };
  const out = { kernel: Float32Array.from([2, -1, -1.5, 0.5]), bias: Float32Array.from([0, 0.3]) };
  const weights = [hidden.kernel, hidden.bias, out.kernel, out.bias];
  const picture = networkPicture(layers, { units: 2, activation: 'softmax' }, 2, weights, identityPlane);

  it('draws the real weights on its edges', () => {
    expect(picture.columns.map((c) => c.units)).toEqual([2, 2, 2]);
    expect(Array.from(picture.edges[0]!)).toEqual(Array.from(hidden.kernel));
    expect(Array.from(picture.edges[1]!)).toEqual(Array.from(out.kernel));
    expect(picture.maxWeight).toBe(3);
    expect(Array.from(picture.columns[1].biases!)).toEqual(Array.from(hidden.bias));
  });

  it("shows in each unit's heatmap that unit's activation over the plane", () => {
    const maps = picture.columns[1].heatmaps!;
    const cells = HEATMAP_SIZE * HEATMAP_SIZE;
    // The unit's own activations over the grid, and the scale the picture uses (its largest |value|).
    for (const unit of [0, 1]) {
      const values: number[] = [];
      for (let row = 0; row < HEATMAP_SIZE; row++)
        for (let col = 0; col < HEATMAP_SIZE; col++) {
          const [a, b] = cellPoint(row, col);
          values.push(Math.tanh(a * hidden.kernel[unit] + b * hidden.kernel[2 + unit] + hidden.bias[unit]));
        }
      const max = Math.max(...values.map(Math.abs));
      values.forEach((v, i) => expect(maps[unit * cells + i]).toBe(Math.round(128 + (127 * v) / max)));
    }
  });

  it('shows class probabilities at the output', () => {
    const [a, b] = cellPoint(3, 17);
    const h = [0, 1].map((u) => Math.tanh(a * hidden.kernel[u] + b * hidden.kernel[2 + u] + hidden.bias[u]));
    const z = [0, 1].map((o) => h[0] * out.kernel[o] + h[1] * out.kernel[2 + o] + out.bias[o]);
    const p1 = Math.exp(z[1]) / (Math.exp(z[0]) + Math.exp(z[1]));
    expect(picture.columns[2].heatmaps![HEATMAP_SIZE * HEATMAP_SIZE + 3 * HEATMAP_SIZE + 17]).toBe(Math.round(p1 * 255));
  });

  it('summarises wide layers and draws no edges through a convolution', () => {
    const wide = networkPicture(
      [{ kind: 'dense', units: 300, activation: 'relu' }],
      { units: 10, activation: 'softmax' },
      784,
      [new Float32Array(784 * 300), new Float32Array(300), new Float32Array(3000), new Float32Array(10)],
      null,
    );
    expect(wide.columns.map((c) => [c.units, c.shown])).toEqual([
      [784, 10],
      [300, 10],
      [10, 10],
    ]);
    expect(wide.edges[0]!.length).toBe(100);
    const conv = networkPicture(
      [
        { kind: 'conv2d', filters: 2, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
        { kind: 'flatten' },
        { kind: 'dense', units: 4, activation: 'relu' },
      ],
      { units: 10, activation: 'softmax' },
      null,
      [
        new Float32Array(18),
        new Float32Array(2),
        new Float32Array(1352 * 4),
        new Float32Array(4),
        new Float32Array(40),
        new Float32Array(10),
      ],
      null,
    );
    expect(conv.edges[0]).toBeNull();
    expect(conv.edges[1]!.length).toBe(40);
  });
});

describe('the network layout', () => {
  const model = (units: number[]) => ({
    inputShape: [2],
    layers: units.map((u): LayerSpec => ({ kind: 'dense', units: u, activation: 'tanh' })),
    shapes: units.map((u) => [u]),
    output: { units: 2, activation: 'softmax' as const },
  });

  it('draws one node per unit up to the cap, and follows every edit', () => {
    expect(layoutNetwork(model([4, 2]), ['x₁', 'x₂'], null).nodes).toHaveLength(2 + 4 + 2 + 2);
    expect(layoutNetwork(model([4, 2, 8]), ['x₁', 'x₂'], null).nodes).toHaveLength(2 + 4 + 2 + 8 + 2);
    const wide = layoutNetwork(model([64]), null, null);
    expect(wide.nodes).toHaveLength(2 + 10 + 2);
    expect(wide.labels.map((l) => l.text)).toContain('+54 more');
  });

  it('colours edges by the sign and thickens them by the size of the weights, and ignores a picture of another stack', () => {
    const weights = [Float32Array.from([1, -2, 0.5, 3]), new Float32Array(2), new Float32Array(4), new Float32Array(2)];
    const picture = networkPicture(
      [{ kind: 'dense', units: 2, activation: 'tanh' }],
      { units: 2, activation: 'softmax' },
      2,
      weights,
      identityPlane,
    );
    const net = layoutNetwork(model([2]), ['x₁', 'x₂'], picture);
    const first = net.edges.slice(0, 4).map((e) => [e.weight, e.strength]);
    expect(first).toEqual([
      [1, 1 / 3],
      [-2, 2 / 3],
      [0.5, 0.5 / 3],
      [3, 1],
    ]);
    expect(net.describeAt((net.edges[1].x1 + net.edges[1].x2) / 2, (net.edges[1].y1 + net.edges[1].y2) / 2)).toMatch(
      /Weight from x₁ to layer 1 unit 2: -2\.000/,
    );
    const stale = layoutNetwork(model([3]), ['x₁', 'x₂'], picture);
    expect(stale.edges.every((e) => e.weight === null)).toBe(true);
  });
});

describe('a CNN in the picture', () => {
  // 4x4x1 image -> conv 2@3x3 -> max pool 2 -> flatten -> output 2.
  const layers: LayerSpec[] = [
    { kind: 'conv2d', filters: 2, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxPool2d', poolSize: 2, strides: 2 },
    { kind: 'flatten' },
  ];
  const output = { units: 2, activation: 'softmax' as const };
  // Kernel [3, 3, 1, 2], out fastest: filter 0 all 1, filter 1 all -0.5.
  const kernel = Float32Array.from({ length: 18 }, (_, i) => (i % 2 === 0 ? 1 : -0.5));
  const weights = [kernel, new Float32Array(2), new Float32Array(8 * 2), new Float32Array(2)];
  const shapes = [[4, 4, 2], [2, 2, 2], [8]];

  it('sends each kernel seen channel to channel: the mean of its taps', () => {
    const picture = networkPicture(layers, output, null, weights, null);
    expect(Array.from(picture.channels![0]!)).toEqual([1, -0.5]);
    expect(picture.channels![1]).toBeNull();
    expect(picture.maxChannel).toBe(1);
  });

  it('draws channels as nodes, kernels between them, pooling one to one, and the flatten as one block', () => {
    const picture = networkPicture(layers, output, null, weights, null);
    const net = layoutNetwork({ inputShape: [4, 4, 1], layers, shapes, output }, null, picture);
    const kernels = net.edges.filter((e) => e.kind === 'kernel');
    expect(kernels.map((e) => e.weight)).toEqual([1, -0.5]);
    const pooling = net.edges.filter((e) => e.kind === 'pass' && e.to.startsWith('max pool'));
    expect(pooling.map((e) => [e.from, e.to])).toEqual([
      ['conv 2@3×3 channel 1', 'max pool channel 1'],
      ['conv 2@3×3 channel 2', 'max pool channel 2'],
    ]);
    // Into the flatten and out of it to each output unit.
    expect(net.edges.filter((e) => e.to === 'flatten')).toHaveLength(2);
    expect(net.edges.filter((e) => e.from === 'flatten')).toHaveLength(2);
    const edge = kernels[1];
    expect(net.describeAt((edge.x1 + edge.x2) / 2, (edge.y1 + edge.y2) / 2)).toMatch(
      /Kernel from input channel 1 to conv 2@3×3 channel 2: mean weight -0\.500/,
    );
  });
});

describe('input features', () => {
  it('are exact, on TensorFlow Playground’s scale', () => {
    const points = Float32Array.from([0.5, -0.25]);
    const row = toFeatures(points, 1, FEATURES);
    const [u, v] = [0.5 * 6, -0.25 * 6];
    expect(Array.from(row)).toEqual(Array.from(Float32Array.from([u, v, u * u, v * v, u * v, Math.sin(u), Math.sin(v)])));
    expect(featureValue('x1x2', 1, 1)).toBe(36);
  });
});

import { describe, expect, it } from 'vitest';
import { layerChanges, pictureChange, type NetworkPicture } from '../../src/model/picture';

const column = (units: number, biases: number[] | null = null) => ({
  units,
  shown: Math.min(units, 10),
  heatmaps: null,
  biases: biases ? Float32Array.from(biases) : null,
});
const picture = (first: number[], second: number[], bias: number): NetworkPicture => ({
  columns: [column(2), column(2, [bias, 0]), column(1, [0])],
  edges: [Float32Array.from(first), Float32Array.from(second)],
  maxWeight: Math.max(...first.map(Math.abs), ...second.map(Math.abs)),
});

describe('the change between two pictures of a run', () => {
  it('is each weight and bias after minus before, with the largest change for edge widths', () => {
    const change = pictureChange(picture([1, 2, 3, 4], [0.5, -0.5], 0.1), picture([1, 2.5, 3, 3], [0.5, -0.25], 0.3))!;
    expect(Array.from(change.edges[0]!)).toEqual([0, 0.5, 0, -1]);
    expect(Array.from(change.edges[1]!)).toEqual([0, 0.25]);
    expect(change.columns[1].biases![0]).toBeCloseTo(0.2, 6);
    expect(change.maxWeight).toBe(1);
  });

  it('gives each layer its mean and largest |change|, and says when every weight is drawn', () => {
    const layers = layerChanges(picture([1, 2, 3, 4], [0.5, -0.5], 0), picture([1, 2.5, 3, 3], [0.5, -0.25], 0));
    expect(layers).toEqual([
      { into: 1, meanChange: 0.375, maxChange: 1, whole: true },
      { into: 2, meanChange: 0.125, maxChange: 0.25, whole: true },
    ]);
  });

  it('is none when the two pictures draw different networks (an edit between them)', () => {
    const wider: NetworkPicture = { ...picture([1, 2, 3, 4], [0, 0], 0), columns: [column(2), column(3), column(1)] };
    expect(pictureChange(picture([1, 2, 3, 4], [0, 0], 0), wider)).toBeNull();
    expect(layerChanges(picture([1, 2, 3, 4], [0, 0], 0), wider)).toEqual([]);
  });
});

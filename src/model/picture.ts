// The network picture as the worker sends it and the page draws it (plain
// data; built by train/networkPicture.ts, laid out by ui/model/networkLayout.ts).

/** Units drawn per column; wider layers show this many and say how many more. */
export const MAX_DRAWN_UNITS = 10;
/** Heatmap side, in cells (TensorFlow Playground's node thumbnails are about this fine). */
export const HEATMAP_SIZE = 20;

export interface PictureColumn {
  units: number;
  shown: number;
  /** `shown * HEATMAP_SIZE²` bytes, 128 = 0, 0/255 = the unit's largest negative/positive value; null off the plane. */
  heatmaps: Uint8Array | null;
  /** The bias of each shown unit (none for the input). */
  biases: Float32Array | null;
}

export interface NetworkPicture {
  columns: PictureColumn[];
  /** Between column k and k+1: `shown(k) * shown(k+1)` weights, row-major by source unit; null when a non-dense layer sits between. */
  edges: (Float32Array | null)[];
  /** The largest |weight| drawn, for edge widths. */
  maxWeight: number;
  /**
   * Per hidden layer (the stack's index): for a convolution, its kernels
   * seen channel to channel, the mean of each `k x k` kernel from input
   * channel i to output channel o, `shownIn * shownOut` row-major by input
   * channel (at most MAX_DRAWN_UNITS each way); null for other layers.
   */
  channels?: (Float32Array | null)[];
  /** The largest |mean kernel| in `channels`, for edge widths. */
  maxChannel?: number;
}

/**
 * What changed from one picture of a run to a later one, as a picture: each
 * drawn weight and bias is the later value minus the earlier, `maxWeight` the
 * largest change (so edge widths show the change). Null when the two do not
 * draw the same network (an edit between them). The units' heatmaps are the
 * later picture's.
 */
export function pictureChange(before: NetworkPicture, after: NetworkPicture): NetworkPicture | null {
  if (before.columns.length !== after.columns.length || before.edges.length !== after.edges.length) return null;
  if (before.columns.some((column, i) => column.shown !== after.columns[i].shown)) return null;
  const minus = (a: Float32Array | null, b: Float32Array | null) => (a && b && a.length === b.length ? a.map((v, i) => v - b[i]) : null);
  let maxWeight = 0;
  const edges = after.edges.map((edge, i) => {
    const change = minus(edge, before.edges[i]);
    change?.forEach((v) => (maxWeight = Math.max(maxWeight, Math.abs(v))));
    return change;
  });
  const columns = after.columns.map((column, i) => ({ ...column, biases: minus(column.biases, before.columns[i].biases) }));
  return { columns, edges, maxWeight };
}

/** Per drawn set of weights (between column k and k+1): the mean and largest |change| from `before` to `after`. */
export interface LayerChange {
  /** The column the weights lead into (1: the first hidden layer; the last: the output). */
  into: number;
  meanChange: number;
  maxChange: number;
  /** Every weight into that column is drawn (the mean is over all of them, not a sample). */
  whole: boolean;
}

export function layerChanges(before: NetworkPicture, after: NetworkPicture): LayerChange[] {
  const change = pictureChange(before, after);
  if (!change) return [];
  const out: LayerChange[] = [];
  change.edges.forEach((edge, k) => {
    if (!edge || edge.length === 0) return;
    let sum = 0;
    let max = 0;
    for (const v of edge) {
      sum += Math.abs(v);
      max = Math.max(max, Math.abs(v));
    }
    const from = change.columns[k];
    const to = change.columns[k + 1];
    out.push({ into: k + 1, meanChange: sum / edge.length, maxChange: max, whole: from.shown === from.units && to.shown === to.units });
  });
  return out;
}

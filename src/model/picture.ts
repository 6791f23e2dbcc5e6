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

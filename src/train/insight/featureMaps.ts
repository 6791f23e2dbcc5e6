// Inside a convolutional network, for one validation sample: what each
// convolution and pooling layer outputs (one small grey image per channel)
// and what each convolution's filters look like. Training-time CNN Explainer:
// asked again after every epoch, so the maps change as the model learns.
// Only bytes travel, never tensors.
import * as tf from '@tensorflow/tfjs';
import type { Inspectable } from './inspectable';
import { inputScale, sampleSize } from '../../data/dataset';

/** Channels shown per layer, at most. */
export const MAX_CHANNELS = 16;

export interface MapLayer {
  name: string;
  /** Output shape [height, width, channels]. */
  shape: number[];
  /** `shown` maps of height x width bytes, each scaled to its own range (0 = its least, 255 = its most). */
  maps: Uint8Array;
  shown: number;
  /** Convolutions: `shown` filters of k x k bytes (mean over input channels; 128 = 0, blue-white-orange). */
  filters: Uint8Array | null;
  kernel: number;
}

export interface FeatureMaps {
  sample: number;
  /** The validation sample's pixels (0-255), its true and predicted class. */
  pixels: number[];
  actual: number;
  predicted: number;
  layers: MapLayer[];
}

function scaleToBytes(values: Float32Array | Float64Array, into: Uint8Array, offset: number, symmetric: boolean): void {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (symmetric) {
    const m = Math.max(Math.abs(min), Math.abs(max), 1e-12);
    values.forEach((v, i) => (into[offset + i] = Math.round(128 + (127 * v) / m)));
  } else {
    const span = Math.max(max - min, 1e-12);
    values.forEach((v, i) => (into[offset + i] = Math.round(((v - min) / span) * 255)));
  }
}

const explainers = new WeakMap<tf.LayersModel, tf.LayersModel>();

/** The feature maps of validation sample number `which` (wrapped around the validation split). */
export async function featureMaps({ model, dataset, split }: Inspectable, which: number): Promise<FeatureMaps> {
  if (dataset.sampleShape.length !== 3) throw new Error('Feature maps need image data.');
  const position = ((which % split.validation.length) + split.validation.length) % split.validation.length;
  const index = split.validation[position];
  const size = sampleSize(dataset);
  const pixels = Array.from(dataset.x.subarray(index * size, (index + 1) * size));
  const picked = model.layers.filter((layer) => {
    const shape = layer.outputShape as number[];
    return shape.length === 4;
  });
  let explainer = explainers.get(model);
  if (!explainer) {
    explainer = tf.model({
      inputs: model.inputs,
      outputs: [...picked.map((layer) => layer.output as tf.SymbolicTensor), model.outputs[0]],
    });
    explainers.set(model, explainer);
  }
  const scale = inputScale(dataset);
  const input = tf.tensor(
    pixels.map((v) => v * scale),
    [1, ...dataset.sampleShape],
  );
  const outputs = explainer.predict(input) as tf.Tensor[];
  try {
    const data = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
    const probabilities = data[data.length - 1];
    let predicted = 0;
    for (let c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[predicted]) predicted = c;
    const layers: MapLayer[] = picked.map((layer, k) => {
      const [, height, width, channels] = layer.outputShape as number[];
      const shown = Math.min(channels, MAX_CHANNELS);
      const maps = new Uint8Array(shown * height * width);
      const values = data[k];
      for (let c = 0; c < shown; c++) {
        const channel = new Float32Array(height * width);
        for (let p = 0; p < height * width; p++) channel[p] = values[p * channels + c];
        scaleToBytes(channel, maps, c * height * width, false);
      }
      let filters: Uint8Array | null = null;
      let kernel = 0;
      if (layer.getClassName() === 'Conv2D') {
        const weights = layer.getWeights()[0];
        const [kh, kw, cin, cout] = weights.shape as number[];
        const w = weights.dataSync() as Float32Array;
        kernel = kh;
        filters = new Uint8Array(shown * kh * kw);
        for (let f = 0; f < Math.min(cout, shown); f++) {
          const mean = new Float32Array(kh * kw);
          for (let p = 0; p < kh * kw; p++) {
            let sum = 0;
            for (let c = 0; c < cin; c++) sum += w[(p * cin + c) * cout + f];
            mean[p] = sum / cin;
          }
          scaleToBytes(mean, filters, f * kh * kw, true);
        }
      }
      return {
        name: `${
          layer.getClassName() === 'Conv2D'
            ? 'conv'
            : layer
                .getClassName()
                .replace(/2D$/, '')
                .replace(/Pooling/, ' pool')
                .toLowerCase()
        } ${k + 1}`,
        shape: [height, width, channels],
        maps,
        shown,
        filters,
        kernel,
      };
    });
    return { sample: position, pixels, actual: dataset.y[index], predicted, layers };
  } finally {
    input.dispose();
    outputs.forEach((t) => t.dispose());
  }
}

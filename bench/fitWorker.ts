// The baseline the app's own loop is compared with: the same model, data and
// optimizer trained by a plain `model.fit` in a worker.
import * as tf from '@tensorflow/tfjs';
import { defaultConfig, type BackendName } from '../src/config/experiment';
import { loadBundledMnist } from '../src/data/mnist';
import { stratifiedSplit } from '../src/data/split';
import { buildModel } from '../src/model/build';
import { activateBackend } from '../src/train/backends/backend';
import { makeBatch } from '../src/train/engines/batch';

export interface FitRequest {
  backend: BackendName;
  baseUrl: string;
  samples: number;
  /** Measure for about this long after the warm-up batches. */
  durationMs: number;
}

export interface FitResult {
  backend: string;
  samplesPerSecond: number;
  batches: number;
  error?: string;
}

const WARMUP_BATCHES = 3;

self.onmessage = async (event: MessageEvent<FitRequest>) => {
  const { backend, baseUrl, samples, durationMs } = event.data;
  try {
    const config = defaultConfig();
    const dataset = await loadBundledMnist(baseUrl);
    const split = stratifiedSplit(dataset.y, config.validationSplit, config.seed);
    await activateBackend(backend, [], true);
    const { xs, labels } = makeBatch(dataset, split.train, 0, Math.min(samples, split.train.length));
    const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat();
    const model = buildModel(config.layers, dataset.sampleShape, { units: 10, activation: 'softmax' }, config.seed);
    model.compile({ optimizer: tf.train.adam(config.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    let batches = 0;
    let start = 0;
    let measured = 0;
    await model.fit(xs, ys, {
      batchSize: config.batchSize,
      epochs: 1000,
      shuffle: true,
      verbose: 0,
      callbacks: {
        onBatchEnd: async () => {
          batches++;
          if (batches === WARMUP_BATCHES) start = performance.now();
          if (batches > WARMUP_BATCHES) measured++;
          if (start > 0 && performance.now() - start > durationMs) model.stopTraining = true;
        },
      },
    });
    const seconds = (performance.now() - start) / 1000;
    self.postMessage({ backend, batches: measured, samplesPerSecond: (measured * config.batchSize) / seconds } satisfies FitResult);
  } catch (error) {
    self.postMessage({
      backend,
      batches: 0,
      samplesPerSecond: 0,
      error: error instanceof Error ? error.message : String(error),
    } satisfies FitResult);
  }
};

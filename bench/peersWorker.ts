// Time to accuracy, the peers, each with its own recipe on the race's data
// (bench/accuracyData.ts), checked every `checkEvery` training samples like
// ours. This worker imports @tensorflow/tfjs alone, so tfjs picks its own
// default backend as the tfjs-examples page does.
//  - ConvNetJS's MNIST demo (demo/mnist.html): 24x24 inputs, conv 5x5x8,
//    pool 2, conv 5x5x16, pool 3, softmax; Adadelta, batch 20, l2 decay
//    0.001; each training digit a random 24x24 crop (its jitter), checked on
//    the centre crop.
//  - The TensorFlow.js MNIST example (tfjs-examples/mnist, createConvModel
//    and train): conv 3x3x16, pool 2, conv 3x3x32, pool 2, conv 3x3x32,
//    dense 64, softmax; 'rmsprop' (rate 0.001), batch 320, model.fit.
import * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../src/data/dataset';
import { convnetjsDemo } from './autoEngine';
import { emptyResult, raceData, recordCheck, type RaceData, type RaceResult } from './accuracyData';

export interface PeerRequest {
  contestant: 'convnetjs' | 'tfjs-example';
  /** The tfjs example on this backend instead of tfjs's default (as its page can be told with tf.setBackend). */
  backend?: 'cpu';
  data: RaceData;
  baseUrl: string;
  targets: number[];
  budgetMs: number;
  checkEvery: number;
  seed: number;
}

const PIXELS = 784;
const CROP = 24;

function crop(dataset: Dataset, index: number, dx: number, dy: number, into: { w: Float64Array }): void {
  for (let r = 0; r < CROP; r++)
    for (let c = 0; c < CROP; c++) into.w[r * CROP + c] = dataset.x[index * PIXELS + (r + dy) * 28 + c + dx] / 255;
}

function convnetjsRace(dataset: Dataset, split: Split, request: PeerRequest, result: RaceResult): void {
  const { net, trainer, volume } = convnetjsDemo();
  result.backend = 'ConvNetJS (plain JavaScript)';
  const accuracy = () => {
    let right = 0;
    for (const i of split.validation) {
      crop(dataset, i, 2, 2, volume);
      net.forward(volume);
      if (net.getPrediction() === dataset.y[i]) right++;
    }
    return right / split.validation.length;
  };
  const t0 = performance.now();
  let checking = 0;
  for (let k = 0; ; k++) {
    // The demo draws a random training digit and a random crop of it, every step.
    const i = split.train[Math.floor(Math.random() * split.train.length)];
    crop(dataset, i, Math.floor(Math.random() * 5), Math.floor(Math.random() * 5), volume);
    trainer.train(volume, dataset.y[i]);
    if ((k + 1) % request.checkEvery === 0) {
      const before = performance.now();
      const trained = before - t0 - checking;
      const score = accuracy();
      checking += performance.now() - before;
      result.samples = k + 1;
      result.elapsedMs = trained;
      if (recordCheck(result, request.targets, score, trained) || trained > request.budgetMs) return;
    }
  }
}

function createConvModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], kernelSize: 3, filters: 16, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ kernelSize: 3, filters: 32, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ kernelSize: 3, filters: 32, activation: 'relu' }));
  model.add(tf.layers.flatten({}));
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

function tensors(dataset: Dataset, indices: Uint32Array): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const pixels = new Float32Array(indices.length * PIXELS);
  const labels = new Int32Array(indices.length);
  indices.forEach((index, k) => {
    for (let p = 0; p < PIXELS; p++) pixels[k * PIXELS + p] = dataset.x[index * PIXELS + p] / 255;
    labels[k] = dataset.y[index];
  });
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D);
  return { xs: tf.tensor4d(pixels, [indices.length, 28, 28, 1]), ys };
}

async function tfjsExampleRace(dataset: Dataset, split: Split, request: PeerRequest, result: RaceResult): Promise<void> {
  if (request.backend) await tf.setBackend(request.backend);
  await tf.ready();
  result.backend = request.backend ? `${tf.getBackend()} (set)` : `${tf.getBackend()} (tfjs's default)`;
  const train = tensors(dataset, split.train);
  const checked = tensors(dataset, split.validation);
  const truth = Array.from(split.validation, (i) => dataset.y[i]);
  const model = createConvModel();
  model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const batchSize = 320;
  const every = Math.max(1, Math.round(request.checkEvery / batchSize));
  let batches = 0;
  let checking = 0;
  const t0 = performance.now();
  await model.fit(train.xs, train.ys, {
    batchSize,
    epochs: 10_000,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onBatchEnd: async () => {
        batches++;
        if (batches % every !== 0) return;
        const before = performance.now();
        const trained = before - t0 - checking;
        const predicted = tf.tidy(() => (model.predict(checked.xs, { batchSize: 500 }) as tf.Tensor).argMax(-1));
        const guesses = await predicted.data();
        predicted.dispose();
        const right = truth.reduce((n, label, k) => n + (guesses[k] === label ? 1 : 0), 0);
        checking += performance.now() - before;
        result.samples = batches * batchSize;
        result.elapsedMs = trained;
        if (recordCheck(result, request.targets, right / truth.length, trained) || trained > request.budgetMs) model.stopTraining = true;
      },
    },
  });
  tf.dispose([train.xs, train.ys, checked.xs, checked.ys]);
  model.dispose();
}

self.onmessage = async (event: MessageEvent<PeerRequest>) => {
  const request = event.data;
  const result = emptyResult(request.contestant === 'convnetjs' ? 'ConvNetJS MNIST demo' : 'TensorFlow.js MNIST example', request.targets);
  try {
    const { dataset, split } = await raceData(request.data, request.baseUrl);
    if (request.contestant === 'convnetjs') convnetjsRace(dataset, split, request, result);
    else await tfjsExampleRace(dataset, split, request, result);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  self.postMessage(result);
};

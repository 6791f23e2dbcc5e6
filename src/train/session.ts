// One training run inside the worker: load data, pick a backend, build the
// model, train, and report through `post`. Kept apart from worker.ts so the
// entry point stays a thin message switch.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/experiment';
import type { Dataset } from '../data/dataset';
import { loadBundledMnist } from '../data/mnist';
import { capSplit, stratifiedSplit } from '../data/split';
import { buildModel } from '../model/build';
import { checkModel, requiredKernels, type OutputSpec } from '../model/spec';
import type { BatchPoint } from '../metrics/types';
import { selectBackend } from './backend';
import { makeBatch, oneHot } from './batch';
import { RunControl } from './control';
import { trainModel } from './loop';
import { createOptimizer } from './optimizers';
import type { FromWorker, TestHooks } from './protocol';

/** Post batch points at most this often (about 10 messages a second). */
const PROGRESS_INTERVAL_MS = 100;

const datasetCache = new Map<string, Promise<Dataset>>();

function loadDataset(config: ExperimentConfig, baseUrl: string): Promise<Dataset> {
  const key = `${config.dataset.kind}@${baseUrl}`;
  let dataset = datasetCache.get(key);
  if (!dataset) {
    dataset = loadBundledMnist(baseUrl);
    datasetCache.set(key, dataset);
    dataset.catch(() => datasetCache.delete(key));
  }
  return dataset;
}

export interface SessionOptions {
  runId: number;
  config: ExperimentConfig;
  baseUrl: string;
  testHooks?: TestHooks;
  post: (message: FromWorker) => void;
}

/** A run in progress; `control` takes pause / resume / step / stop. */
export class TrainingSession {
  readonly control = new RunControl();

  constructor(private readonly options: SessionOptions) {}

  async run(): Promise<void> {
    const { runId, config, testHooks, post } = this.options;
    post({ type: 'phase', runId, phase: 'loading-data' });
    const dataset = await loadDataset(config, this.options.baseUrl);
    const output: OutputSpec = { units: dataset.classes.length, activation: 'softmax' };
    const check = checkModel(config.layers, dataset.sampleShape, output);
    if (!check.ok) throw new Error(check.message);
    const split = capSplit(
      stratifiedSplit(dataset.y, config.validationSplit, config.seed),
      testHooks?.maxTrainSamples,
      testHooks?.maxValidationSamples,
    );
    if (this.control.isStopped) return post({ type: 'done', runId, reason: 'stopped' });

    post({ type: 'phase', runId, phase: 'starting-backend' });
    const kernels = [...new Set(config.layers.flatMap((layer) => requiredKernels(layer.kind)))];
    const { backend, fallbacks } = await selectBackend({
      preference: config.backend,
      kernels,
      failBackends: testHooks?.failBackends,
      smokeTest: () => smokeTest(config, dataset, output, split.train),
    });

    const model = buildModel(config.layers, dataset.sampleShape, output, config.seed);
    const optimizer = createOptimizer(config.optimizer, config.learningRate);
    const stepsPerEpoch = Math.ceil(split.train.length / config.batchSize);
    post({ type: 'ready', runId, backend, fallbacks, trainSamples: split.train.length, validationSamples: split.validation.length, stepsPerEpoch });
    post({ type: 'phase', runId, phase: 'training' });

    let buffer: BatchPoint[] = [];
    let windowStart = performance.now();
    let windowSamples = 0;
    let samplesPerSecond = 0;
    const flush = () => {
      if (buffer.length === 0) return;
      const now = performance.now();
      if (now > windowStart) samplesPerSecond = (windowSamples * 1000) / (now - windowStart);
      post({ type: 'progress', runId, points: buffer, samplesPerSecond });
      buffer = [];
      windowStart = now;
      windowSamples = 0;
    };
    try {
      const result = await trainModel({
        model,
        optimizer,
        dataset,
        split,
        batchSize: config.batchSize,
        epochs: config.epochs,
        seed: config.seed,
        control: this.control,
        nanAtStep: testHooks?.nanAtStep,
        onBatch: (point) => {
          buffer.push(point);
          windowSamples += Math.min(config.batchSize, split.train.length);
          if (performance.now() - windowStart >= PROGRESS_INTERVAL_MS) flush();
        },
        onEpoch: (point) => {
          flush();
          post({ type: 'epoch-end', runId, point });
        },
        onPause: (step) => {
          flush();
          post({ type: 'paused', runId, step });
          // Time spent paused must not count toward samples per second.
          windowStart = performance.now();
          windowSamples = 0;
        },
      });
      flush();
      post({ type: 'done', runId, reason: result });
    } finally {
      flush();
      model.dispose();
      optimizer.optimizer.dispose();
    }
  }
}

/** Builds the model and trains one 2-sample batch: proves the backend can run it. */
async function smokeTest(config: ExperimentConfig, dataset: Dataset, output: OutputSpec, train: Uint32Array): Promise<void> {
  const model = buildModel(config.layers, dataset.sampleShape, output, config.seed);
  const optimizer = tf.train.sgd(0.001);
  const { xs, labels } = makeBatch(dataset, train, 0, Math.min(2, train.length));
  try {
    const loss = tf.tidy(
      () =>
        optimizer.minimize(() => {
          const probabilities = model.apply(xs, { training: true }) as tf.Tensor;
          return tf.metrics.categoricalCrossentropy(oneHot(labels, output.units), probabilities).mean() as tf.Scalar;
        }, true) as tf.Scalar,
    );
    const [value] = await loss.data();
    loss.dispose();
    if (!Number.isFinite(value)) throw new Error('a test batch gave a non-finite loss');
  } finally {
    xs.dispose();
    model.dispose();
    optimizer.dispose();
  }
}

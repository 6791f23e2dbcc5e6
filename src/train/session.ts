// One training run inside the worker: load data, pick a backend, build the
// model, train, and report through `post`. Kept apart from worker.ts so the
// entry point stays a thin message switch.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/experiment';
import { capSplit } from '../data/split';
import { applyOverfittingKnobs } from '../data/subset';
import { buildModel } from '../model/build';
import { checkModel } from '../model/spec';
import type { BatchPoint } from '../metrics/types';
import { RunControl } from './control';
import { trainModel } from './loop';
import { createOptimizer } from './optimizers';
import { resolveData } from './dataSources';
import { outputFor, prepareBackend } from './prepare';
import type { FromWorker, TestHooks } from './protocol';

/** Post batch points at most this often (about 10 messages a second). */
const PROGRESS_INTERVAL_MS = 100;

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
    const resolved = await resolveData(config, this.options.baseUrl, testHooks?.onlineDataBase);
    // The overfitting lab: a smaller training set and flipped training labels (validation untouched).
    const data = applyOverfittingKnobs(resolved.dataset, resolved.split, config.trainFraction, config.labelNoise, config.seed);
    const { dataset } = data;
    const output = outputFor(dataset);
    const check = checkModel(config.layers, dataset.sampleShape, output);
    if (!check.ok) throw new Error(check.message);
    const split = capSplit(data.split, testHooks?.maxTrainSamples, testHooks?.maxValidationSamples);
    if (this.control.isStopped) return post({ type: 'done', runId, reason: 'stopped' });

    post({ type: 'phase', runId, phase: 'starting-backend' });
    const { backend, fallbacks } = await prepareBackend(config, dataset, testHooks);
    if (this.control.isStopped) return post({ type: 'done', runId, reason: 'stopped' });

    const model = buildModel(config.layers, dataset.sampleShape, output, config.seed);
    const optimizer = createOptimizer(config.optimizer, config.learningRate, config.optimizerParams);
    const stepsPerEpoch = Math.ceil(split.train.length / config.batchSize);
    post({ type: 'ready', runId, backend, fallbacks, task: dataset.task, labelsFlipped: data.flipped, trainSamples: split.train.length, validationSamples: split.validation.length, stepsPerEpoch });
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
        weightDecay: config.weightDecay,
        earlyStopping: config.earlyStopping ? { patience: config.patience } : undefined,
        onRestoreBest: (epoch) => post({ type: 'best-restored', runId, epoch }),
        onBatch: (point) => {
          buffer.push(point);
          windowSamples += point.size;
          if (performance.now() - windowStart >= PROGRESS_INTERVAL_MS) flush();
        },
        onLearningRateChange: (step, learningRate) => {
          flush();
          post({ type: 'learning-rate', runId, step, learningRate });
        },
        onEpoch: (point) => {
          flush();
          post({ type: 'epoch-end', runId, point, tensors: tf.memory().numTensors });
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

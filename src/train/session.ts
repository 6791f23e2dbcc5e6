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
import type { Dataset, Split } from '../data/dataset';
import { resolveData } from './dataSources';
import { headFor } from './heads';
import { BOUNDARY_EXTENT, BOUNDARY_SIZE, decisionBoundary, type Inspectable } from './inspect';
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

/** Points of a 2-D set sent for the decision-boundary view, at most. */
const MAX_SCATTER = 600;

/** A run in progress; `control` takes pause / resume / step / stop. */
export class TrainingSession {
  readonly control = new RunControl();
  /** The model and data, kept after the run for the insight views until dispose(). */
  private inspectable: Inspectable | null = null;
  private disposeOptimizer: (() => void) | null = null;

  constructor(private readonly options: SessionOptions) {}

  /** The model (training or trained) and its data, for inspection; null before the model exists. */
  get current(): Inspectable | null {
    return this.inspectable;
  }

  /** Frees the model; the worker calls it when the next run starts. */
  dispose(): void {
    this.inspectable?.model.dispose();
    this.disposeOptimizer?.();
    this.inspectable = null;
    this.disposeOptimizer = null;
  }

  private postScatter(dataset: Dataset, split: Split): void {
    const { runId, post } = this.options;
    const indices = [...split.train.slice(0, MAX_SCATTER / 2), ...split.validation.slice(0, MAX_SCATTER / 2)];
    const trainCount = Math.min(split.train.length, MAX_SCATTER / 2);
    post({
      type: 'scatter',
      runId,
      xy: indices.flatMap((i) => [dataset.x[2 * i], dataset.x[2 * i + 1]]),
      labels: indices.map((i) => dataset.y[i]),
      train: indices.map((_, k) => k < trainCount),
    });
  }

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
    const selection = await prepareBackend(config, dataset, testHooks);
    if (!selection) throw new Error('No backend was selected.');
    const { backend, fallbacks } = selection;
    if (this.control.isStopped) return post({ type: 'done', runId, reason: 'stopped' });

    const model = buildModel(config.layers, dataset.sampleShape, output, config.seed);
    const optimizer = createOptimizer(config.optimizer, config.learningRate, config.optimizerParams);
    this.dispose();
    this.inspectable = { model, dataset, split, head: headFor(dataset, split.train) };
    this.disposeOptimizer = () => optimizer.optimizer.dispose();
    const planar = dataset.sampleShape.length === 1 && dataset.sampleShape[0] === 2 && config.dataset.kind === 'synthetic';
    const stepsPerEpoch = Math.ceil(split.train.length / config.batchSize);
    post({ type: 'ready', runId, backend, fallbacks, task: dataset.task, labelsFlipped: data.flipped, trainSamples: split.train.length, validationSamples: split.validation.length, stepsPerEpoch });
    post({ type: 'phase', runId, phase: 'training' });
    if (planar) this.postScatter(dataset, split);

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
        afterEpoch: async (epoch) => {
          if (!planar || !this.inspectable) return;
          const boundary = await decisionBoundary(this.inspectable);
          post({ type: 'boundary', runId, epoch, size: BOUNDARY_SIZE, extent: BOUNDARY_EXTENT, ...boundary });
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
      // The model stays for the insight views; the next run disposes it.
      flush();
    }
  }
}

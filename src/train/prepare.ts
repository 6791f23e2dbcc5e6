// Loading the data and choosing a backend take seconds; both are cached in the
// worker so that a preload (sent when the page opens) makes the first Train
// press fast, and later runs reuse them.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/experiment';
import type { Dataset } from '../data/dataset';
import { buildModel } from '../model/build';
import { requiredKernels, type OutputSpec } from '../model/spec';
import { selectBackend, type BackendSelection } from './backend';
import { makeBatch } from './batch';
import { headFor } from './heads';
import { createOptimizer } from './optimizers';
import type { TestHooks } from './protocol';

const selections = new Map<string, Promise<BackendSelection>>();

/** Memoises a promise by key, forgetting it when it rejects so a retry can succeed. */
function memo<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}

/** The output layer the dataset's task implies. */
export function outputFor(dataset: Dataset): OutputSpec {
  return dataset.task === 'regression' ? { units: 1, activation: 'linear' } : { units: dataset.classes.length, activation: 'softmax' };
}

/** Backend work waits here for the work before it: trying a backend switches tfjs's global backend. */
let backendQueue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const next = backendQueue.then(work, work);
  backendQueue = next.catch(() => undefined);
  return next;
}

/**
 * Selects (once per preference, model and test hook) and activates the
 * backend that trains this model. Calls run one at a time, so a warm-up that
 * is still trying backends can never switch the backend under a run; a
 * warm-up passes `skip`, checked when its turn comes (e.g. "a run started").
 */
export function prepareBackend(config: ExperimentConfig, dataset: Dataset, testHooks?: TestHooks, skip?: () => boolean): Promise<BackendSelection | null> {
  return oneAtATime(async () => {
    if (skip?.()) return null;
    const key = JSON.stringify([config.backend, config.layers, dataset.sampleShape, dataset.task, dataset.classes.length, testHooks?.failBackends ?? []]);
    const selection = await memo(selections, key, () =>
      selectBackend({
        preference: config.backend,
        kernels: [...new Set(config.layers.flatMap((layer) => requiredKernels(layer.kind)))],
        failBackends: testHooks?.failBackends,
        smokeTest: () => smokeTest(config, dataset),
      }),
    );
    // Another preference may have switched the global backend since.
    if (tf.getBackend() !== selection.backend) await tf.setBackend(selection.backend);
    return selection;
  });
}

/**
 * Builds the model and trains one full-size batch with the chosen optimizer:
 * proves the backend can run it, and compiles the GPU programs of exactly
 * these shapes ahead of Train (shader compilation took seconds on WebGL here).
 */
async function smokeTest(config: ExperimentConfig, dataset: Dataset): Promise<void> {
  const output = outputFor(dataset);
  const model = buildModel(config.layers, dataset.sampleShape, output, config.seed);
  const { optimizer } = createOptimizer(config.optimizer, 0, config.optimizerParams);
  const size = Math.min(config.batchSize, dataset.count);
  const indices = Uint32Array.from({ length: size }, (_, i) => i);
  const head = headFor(dataset, indices);
  const { xs, labels } = makeBatch(dataset, indices, 0, size);
  try {
    const loss = tf.tidy(
      () =>
        optimizer.minimize(() => {
          const outputs = model.apply(xs, { training: true }) as tf.Tensor;
          return head.losses(head.targets(labels), outputs).mean() as tf.Scalar;
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

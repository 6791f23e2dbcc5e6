// Builds the engine a run trains with: a tfjs model and optimizer on the
// active backend, or the fused typed-array engine seeded from the same
// tfjs model's initial weights.
import type { InitialWeights } from '../protocol';
import * as tf from '@tensorflow/tfjs';
import { outputFor as outputForTask } from '../../config/datasets';
import type { BackendName, ExperimentConfig } from '../../config/experiment';
import type { Dataset } from '../../data/dataset';
import { classCounts, lossClassWeights } from '../../data/imbalance';
import { buildModel, trainedWeights } from '../../model/build';
import { isFrozen, type OutputSpec } from '../../model/spec';
import type { Engine } from './engine';
import { densePlan, FusedEngine } from './fused/engine';
import { ArrayOptimizer } from './fused/optimizers';
import { headFor, targetScale, type Head } from './heads';
import { createOptimizer } from './optimizers';
import { importOptimizerState, TfjsEngine } from './tfjsEngine';
import { checkState, type EngineState } from './engineState';

/** The output layer the dataset's task implies (config/datasets.ts's rule). */
export function outputFor(dataset: Pick<Dataset, 'task' | 'classes'>): OutputSpec {
  return outputForTask(dataset.task, dataset.classes.length);
}

export interface BuiltEngine {
  engine: Engine;
  /** The tfjs model the insight views read (the fused engine writes its weights here on syncModel). */
  model: tf.LayersModel;
  head: Head;
  dispose(): void;
}

type EngineConfig = Pick<ExperimentConfig, 'layers' | 'seed' | 'optimizer' | 'learningRate' | 'optimizerParams' | 'weightDecay'> &
  Partial<Pick<ExperimentConfig, 'classWeights' | 'classWeightValues'>>;

/**
 * The class weights a run's loss uses (balanced: from the training split's
 * counts; by hand: the experiment's numbers), or undefined for none. Weights
 * by hand that do not fit the classes throw the sentence that says why.
 */
export function classWeightsFor(
  config: Partial<Pick<ExperimentConfig, 'classWeights' | 'classWeightValues'>>,
  dataset: Pick<Dataset, 'task' | 'classes' | 'y'>,
  trainIndices: Uint32Array,
): Float32Array | undefined {
  const weights = lossClassWeights(config, dataset.task, dataset.classes, () =>
    classCounts(dataset.y, trainIndices, dataset.classes.length),
  );
  if (typeof weights === 'string') throw new Error(weights);
  return weights ? Float32Array.from(weights) : undefined;
}

/** Why the fused engine cannot train this model, or null when it can. */
export function fusedObstacle(
  config: Pick<ExperimentConfig, 'layers'>,
  dataset: Pick<Dataset, 'sampleShape' | 'task' | 'classes'>,
): string | null {
  if (config.layers.some(isFrozen)) return 'the fused engine does not freeze layers: tfjs trains a model with frozen layers';
  const plan = densePlan(config.layers, dataset.sampleShape, outputFor(dataset));
  return typeof plan === 'string' ? `the fused engine trains small dense stacks only: ${plan}` : null;
}

/**
 * Puts a kept model's weights into a freshly built model, after checking
 * that every shape fits. With `replaceOutput` (transfer to other classes)
 * the output layer keeps its seeded initial weights, whatever the kept
 * model's were.
 */
function startFrom(model: tf.LayersModel, initial: InitialWeights, replaceOutput: boolean): void {
  const current = model.getWeights();
  const output = new Set(model.layers[model.layers.length - 1].weights);
  const replaced = model.weights.map((w) => replaceOutput && output.has(w));
  const fits =
    current.length === initial.length && current.every((w, k) => replaced[k] || w.shape.join('x') === initial[k].shape.join('x'));
  if (!fits) {
    model.dispose();
    throw new Error(
      `The kept model's weights do not fit this model (${initial.length} weight arrays for ${current.length}); change the layers back, or press Reset to start from new weights.`,
    );
  }
  const tensors = initial.map((w, k) => (replaced[k] ? null : tf.tensor(w.values, w.shape)));
  model.setWeights(tensors.map((t, k) => t ?? current[k]));
  tensors.forEach((t) => t?.dispose());
}

/**
 * Builds model, optimizer and engine for `backend` (already active for tfjs
 * backends): from the seed, from an opened model's weights (`initial`), or
 * continuing another engine's run (`state`: weights and optimizer state).
 */
export async function buildEngine(
  backend: BackendName,
  config: EngineConfig,
  dataset: Dataset,
  trainIndices: Uint32Array,
  initial?: InitialWeights,
  state?: EngineState,
  replaceOutput = false,
): Promise<BuiltEngine> {
  const output = outputFor(dataset);
  const model = buildModel(config.layers, dataset.sampleShape, output, config.seed);
  if (initial) startFrom(model, initial, replaceOutput);
  if (state) {
    try {
      checkState(
        state,
        config.optimizer,
        model.getWeights().map((w) => w.size),
        trainedWeights(model).map((w) => w.read().size),
      );
    } catch (error) {
      model.dispose();
      throw error;
    }
  }
  const head = headFor(dataset, trainIndices);
  const classWeights = classWeightsFor(config, dataset, trainIndices);
  if (backend === 'fused') {
    const obstacle = fusedObstacle(config, dataset);
    const plan = densePlan(config.layers, dataset.sampleShape, output);
    if (obstacle !== null || typeof plan === 'string') {
      model.dispose();
      throw new Error(obstacle ?? 'the fused engine cannot train this model');
    }
    const shapes = model.getWeights().map((w) => w.shape);
    const initial = await Promise.all(model.getWeights().map((w) => w.data()));
    const engine = new FusedEngine({
      plan,
      task: dataset.task,
      scale: targetScale(dataset, trainIndices),
      optimizer: new ArrayOptimizer(config.optimizer, config.learningRate, config.optimizerParams),
      weightDecay: config.weightDecay,
      classWeights,
      initial: initial as Float32Array[],
      state,
      writeBack: (weights) => {
        const tensors = weights.map((w, k) => tf.tensor(w, shapes[k]));
        model.setWeights(tensors);
        tf.dispose(tensors);
      },
    });
    return { engine, model, head, dispose: () => model.dispose() };
  }
  const optimizer = createOptimizer(config.optimizer, config.learningRate, config.optimizerParams);
  const engine = new TfjsEngine({ model, optimizer, dataset, head, seed: config.seed, weightDecay: config.weightDecay, classWeights });
  if (state) {
    engine.writeWeights(state.weights);
    await importOptimizerState(
      optimizer.optimizer,
      state.optimizer,
      trainedWeights(model).map((w) => ({ name: w.name, shape: w.read().shape })),
    );
  }
  return {
    engine,
    model,
    head,
    dispose: () => {
      model.dispose();
      optimizer.optimizer.dispose();
    },
  };
}

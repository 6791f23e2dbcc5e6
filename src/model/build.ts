import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../lib/rng';
import type { Activation, LayerSpec, OutputSpec } from './spec';

type TfActivation = 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'softmax' | 'linear';

function regularizer(layer: { l1?: number; l2?: number }): ReturnType<typeof tf.regularizers.l1l2> | undefined {
  const l1 = layer.l1 ?? 0;
  const l2 = layer.l2 ?? 0;
  return l1 > 0 || l2 > 0 ? tf.regularizers.l1l2({ l1, l2 }) : undefined;
}

/** tfjs has leakyRelu only as a layer; everything else is an activation name. */
function activationLayers(activation: Activation): { activation: TfActivation; after?: tf.layers.Layer } {
  if (activation === 'leakyRelu') return { activation: 'linear', after: tf.layers.leakyReLU({ alpha: 0.2 }) };
  return { activation };
}

/** The tfjs layers of each model built here that hold a frozen spec layer's weights. */
const frozenOf = new WeakMap<tf.LayersModel, Set<tf.layers.Layer>>();

/**
 * The weights training moves: every trainable weight but those of frozen
 * layers. (The layers stay trainable in tfjs's sense, so that getWeights
 * keeps layer order whichever are frozen: tfjs lists trainable weights
 * before the others.)
 */
export function trainedWeights(model: tf.LayersModel): tf.LayerVariable[] {
  const frozen = frozenOf.get(model);
  if (!frozen || frozen.size === 0) return model.trainableWeights;
  const held = new Set([...frozen].flatMap((layer) => layer.trainableWeights));
  return model.trainableWeights.filter((w) => !held.has(w));
}

/** The model's layers whose weights stay as they start (their penalties are left out of the loss, as in Keras). */
export function isFrozenLayer(model: tf.LayersModel, layer: tf.layers.Layer): boolean {
  return frozenOf.get(model)?.has(layer) === true;
}

/**
 * Builds a tf.Sequential from the spec: input `[batch, ...inputShape]`, then
 * the hidden layers, then the output layer. Weight initialisation is seeded,
 * so the same seed gives the same initial weights on CPU and WASM.
 */
export function buildModel(layers: readonly LayerSpec[], inputShape: number[], output: OutputSpec, seed: number): tf.Sequential {
  const model = tf.sequential();
  const frozen = new Set<tf.layers.Layer>();
  frozenOf.set(model, frozen);
  let first = true;
  const input = () => {
    const shape = first ? { inputShape } : {};
    first = false;
    return shape;
  };
  const init = (i: number) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, `kernel-${i}`) });
  // Rank of the current layer's input (batch left out).
  let rank = inputShape.length;
  layers.forEach((layer, i) => {
    switch (layer.kind) {
      case 'dense': {
        const { activation, after } = activationLayers(layer.activation);
        const dense = tf.layers.dense({
          ...input(),
          units: layer.units,
          activation,
          kernelInitializer: init(i),
          kernelRegularizer: regularizer(layer),
        });
        if (layer.frozen) frozen.add(dense);
        model.add(dense);
        if (after) model.add(after);
        break;
      }
      case 'conv2d': {
        const { activation, after } = activationLayers(layer.activation);
        const conv = tf.layers.conv2d({
          ...input(),
          filters: layer.filters,
          kernelSize: layer.kernelSize,
          strides: layer.strides,
          padding: layer.padding,
          activation,
          kernelInitializer: init(i),
          kernelRegularizer: regularizer(layer),
        });
        if (layer.frozen) frozen.add(conv);
        model.add(conv);
        if (after) model.add(after);
        break;
      }
      case 'maxPool2d':
        model.add(tf.layers.maxPooling2d({ ...input(), poolSize: layer.poolSize, strides: layer.strides }));
        break;
      case 'avgPool2d':
        model.add(tf.layers.averagePooling2d({ ...input(), poolSize: layer.poolSize, strides: layer.strides }));
        break;
      case 'flatten':
        // Flattening rows that are already flat is the identity, and tfjs
        // refuses a Flatten on a 1-D input: leave it out.
        if (rank > 1) model.add(tf.layers.flatten(input()));
        break;
      case 'dropout':
        model.add(tf.layers.dropout({ ...input(), rate: layer.rate, seed: deriveSeed(seed, `dropout-${i}`) }));
        break;
      case 'batchNormalization':
        model.add(tf.layers.batchNormalization(input()));
        break;
    }
    if (layer.kind === 'flatten' || layer.kind === 'dense') rank = 1;
  });
  model.add(tf.layers.dense({ ...input(), units: output.units, activation: output.activation, kernelInitializer: init(layers.length) }));
  return model;
}

/**
 * Gives every dropout layer its mask seed for training step `step`, derived
 * from the run's seed: a fresh mask each batch, and the same masks whenever
 * the run is replayed. (tfjs reads the layer's `seed` on each call; without
 * one it draws from an unseeded generator.)
 */
export function reseedDropout(model: tf.LayersModel, seed: number, step: number): void {
  model.layers.forEach((layer, i) => {
    if (layer.getClassName() === 'Dropout') (layer as unknown as { seed?: number }).seed = deriveSeed(seed, `dropout-${i}-${step}`);
  });
}

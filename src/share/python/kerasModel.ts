// The model's layers as Keras 3 code: a build_model() a learner can read and
// edit, layer for layer the model that model/build.ts builds in tfjs (so the
// browser's weights load into it in order). A layer with no Keras equivalent
// is refused by name, never exported as something else. Pure.
import type { Activation, LayerSpec, OutputSpec } from '../../model/spec';

export class KerasExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KerasExportError';
  }
}

const KERAS_ACTIVATIONS: Record<Exclude<Activation, 'leakyRelu'>, string> = {
  relu: 'relu',
  elu: 'elu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  linear: 'linear',
};

/** The activation argument, and a LeakyReLU layer to follow (tfjs's leakyRelu uses alpha 0.2). */
function activation(name: string, where: string): { arg: string; after: string | null } {
  if (name === 'leakyRelu') return { arg: "'linear'", after: 'layers.LeakyReLU(negative_slope=0.2)' };
  const keras = (KERAS_ACTIVATIONS as Record<string, string | undefined>)[name];
  if (!keras) throw new KerasExportError(`${where}: the activation "${String(name).slice(0, 40)}" has no Keras equivalent.`);
  return { arg: `'${keras}'`, after: null };
}

const positiveInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;
const rate = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 1;

function intArg(value: unknown, name: string, where: string): number {
  if (!positiveInt(value))
    throw new KerasExportError(`${where}: its ${name} (${String(value).slice(0, 20)}) is not a positive whole number.`);
  return value;
}

function penaltyArgs(layer: { l1?: number; l2?: number }, where: string): string {
  const l1 = layer.l1 ?? 0;
  const l2 = layer.l2 ?? 0;
  if (!rate(l1) || !rate(l2)) throw new KerasExportError(`${where}: its L1/L2 penalty is not a number between 0 and 1.`);
  return `penalty(l1=${l1}, l2=${l2})`;
}

/** A frozen layer keeps its weights in Keras too: trainable=False (its penalty then leaves the loss, as in the browser). */
const frozenArg = (layer: { frozen?: boolean }) => (layer.frozen === true ? ', trainable=False' : '');

/** The body of build_model(), one model.add per line. */
export function kerasModelLines(layers: readonly LayerSpec[], inputShape: readonly number[], output: OutputSpec): string[] {
  const lines = [
    "model = keras.Sequential(name='playground')",
    `model.add(keras.Input(shape=(${inputShape.join(', ')}${inputShape.length === 1 ? ',' : ''})))`,
  ];
  let rank = inputShape.length;
  layers.forEach((layer, i) => {
    const where = `Layer ${i + 1} (${String((layer as { kind?: unknown }).kind).slice(0, 40)})`;
    switch (layer.kind) {
      case 'dense': {
        const act = activation(layer.activation, where);
        lines.push(
          `model.add(layers.Dense(${intArg(layer.units, 'units', where)}, activation=${act.arg}, kernel_initializer=init(${i}), kernel_regularizer=${penaltyArgs(layer, where)}${frozenArg(layer)}))`,
        );
        if (act.after) lines.push(`model.add(${act.after})`);
        rank = 1;
        break;
      }
      case 'conv2d': {
        const act = activation(layer.activation, where);
        if (layer.padding !== 'valid' && layer.padding !== 'same')
          throw new KerasExportError(`${where}: padding "${String(layer.padding).slice(0, 20)}" has no Keras equivalent.`);
        lines.push(
          `model.add(layers.Conv2D(${intArg(layer.filters, 'filters', where)}, ${intArg(layer.kernelSize, 'kernel size', where)}, strides=${intArg(layer.strides, 'stride', where)}, padding='${layer.padding}', activation=${act.arg}, kernel_initializer=init(${i}), kernel_regularizer=${penaltyArgs(layer, where)}${frozenArg(layer)}))`,
        );
        if (act.after) lines.push(`model.add(${act.after})`);
        break;
      }
      case 'maxPool2d':
      case 'avgPool2d':
        lines.push(
          `model.add(layers.${layer.kind === 'maxPool2d' ? 'MaxPooling2D' : 'AveragePooling2D'}(pool_size=${intArg(layer.poolSize, 'pool size', where)}, strides=${intArg(layer.strides, 'stride', where)}))`,
        );
        break;
      case 'flatten':
        // As in the browser: flattening rows that are already flat is left out.
        if (rank > 1) lines.push('model.add(layers.Flatten())');
        rank = 1;
        break;
      case 'dropout':
        if (!rate(layer.rate) || layer.rate >= 1) throw new KerasExportError(`${where}: its rate must be at least 0 and below 1.`);
        lines.push(`model.add(layers.Dropout(${layer.rate}, seed=EXPERIMENT['seed'] + ${i}))`);
        break;
      case 'batchNormalization':
        // TensorFlow.js and Keras share the defaults: momentum 0.99, epsilon 0.001.
        lines.push('model.add(layers.BatchNormalization())');
        break;
      default:
        throw new KerasExportError(`${where}: Keras has no equivalent of this layer, so the model cannot be exported as Python.`);
    }
  });
  if (output.activation !== 'softmax' && output.activation !== 'linear')
    throw new KerasExportError('The output layer has no Keras equivalent.');
  lines.push(
    `model.add(layers.Dense(${intArg(output.units, 'units', 'The output layer')}, activation='${output.activation}', kernel_initializer=init(${layers.length}), kernel_regularizer=penalty(l1=0, l2=0)))`,
  );
  lines.push('return model');
  return lines;
}

/** build_model() as Python source. */
export function kerasBuildModel(layers: readonly LayerSpec[], inputShape: readonly number[], output: OutputSpec): string {
  const body = kerasModelLines(layers, inputShape, output).map((line) => `    ${line}`);
  return [
    'def build_model():',
    '    """The model built in the browser, layer for layer (the output layer follows from the task)."""',
    ...body,
  ].join('\n');
}

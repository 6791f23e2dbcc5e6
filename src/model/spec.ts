// The model as plain JSON data, with pure shape inference and parameter
// counting (no tfjs here: model/build.ts is the only model file that imports
// it). The output layer is implied by the task: dense(classes, softmax) for
// classification, dense(1, linear) for regression.

/** Activation functions a layer may use. */
export const ACTIVATIONS = ['relu', 'leakyRelu', 'elu', 'sigmoid', 'tanh', 'softmax', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Optional L1/L2 penalty on a layer's kernel. */
export interface KernelRegularizer {
  l1?: number;
  l2?: number;
}

/**
 * A layer with weights may be frozen: its weights stay as they start (from a
 * kept model, for transfer), and training changes only the other layers.
 */
export interface Freezable {
  frozen?: boolean;
}

export type LayerSpec =
  | ({ kind: 'dense'; units: number; activation: Activation } & KernelRegularizer & Freezable)
  | ({
      kind: 'conv2d';
      filters: number;
      kernelSize: number;
      strides: number;
      padding: 'valid' | 'same';
      activation: Activation;
    } & KernelRegularizer &
      Freezable)
  | { kind: 'maxPool2d'; poolSize: number; strides: number }
  | { kind: 'avgPool2d'; poolSize: number; strides: number }
  | { kind: 'flatten' }
  | { kind: 'dropout'; rate: number }
  | { kind: 'batchNormalization' };

export type LayerKind = LayerSpec['kind'];

/** Refuse models above this many parameters before allocating anything. */
export const MAX_PARAMS = 20_000_000;

/** Shape and size of one layer's output (batch dimension left out). */
export interface LayerInfo {
  outputShape: number[];
  params: number;
}

export type ModelCheck =
  | { ok: true; layers: LayerInfo[]; output: LayerInfo; totalParams: number; trainableParams: number }
  | { ok: false; layers: LayerInfo[]; layerIndex: number; message: string; totalParams: number };

/** The kinds of layer that can be frozen (those with weights that training moves; batch norm aside). */
export function canFreeze(layer: LayerSpec): layer is Extract<LayerSpec, Freezable> {
  return layer.kind === 'dense' || layer.kind === 'conv2d';
}

/** Whether layer `layer` is frozen. */
export function isFrozen(layer: LayerSpec): boolean {
  return canFreeze(layer) && layer.frozen === true;
}

/** The layers without their frozen marks: the same weights, whichever are frozen. */
export function unfrozen(layers: readonly LayerSpec[]): LayerSpec[] {
  return layers.map((layer) => {
    if (!canFreeze(layer)) return layer;
    const rest = { ...layer };
    delete rest.frozen;
    return rest;
  });
}

/** What the model predicts: `units` outputs with `activation`. */
export interface OutputSpec {
  units: number;
  activation: 'softmax' | 'linear';
}

const product = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

function convLength(size: number, window: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

function isPositiveInt(n: number): boolean {
  return Number.isInteger(n) && n > 0;
}

/** The reason a kernel penalty is unusable, or null. */
function regularizerError({ l1, l2 }: KernelRegularizer): string | null {
  for (const [name, value] of [
    ['L1', l1],
    ['L2', l2],
  ] as const) {
    if (value !== undefined && !(value >= 0 && value <= 1)) return `the ${name} penalty must be between 0 and 1`;
  }
  return null;
}

/** Infers one layer's output, or returns the reason it cannot follow `input`. */
export function inferLayer(layer: LayerSpec, input: number[]): LayerInfo | string {
  if (layer.kind === 'dense' || layer.kind === 'conv2d') {
    const error = regularizerError(layer);
    if (error) return error;
  }
  switch (layer.kind) {
    case 'dense': {
      if (!isPositiveInt(layer.units)) return 'a dense layer needs at least 1 unit';
      if (input.length !== 1) return `a dense layer needs a flat input, but gets [${input.join(', ')}]: add a flatten layer before it`;
      return { outputShape: [layer.units], params: input[0] * layer.units + layer.units };
    }
    case 'conv2d': {
      if (input.length !== 3)
        return `a conv2d layer needs an image input [height, width, channels], but gets [${input.join(', ')}] (is it after a flatten or dense layer?)`;
      if (!isPositiveInt(layer.filters)) return 'a conv2d layer needs at least 1 filter';
      if (!isPositiveInt(layer.kernelSize)) return 'the kernel size must be a positive integer';
      if (!isPositiveInt(layer.strides)) return 'the stride must be a positive integer';
      const [h, w, c] = input;
      if (layer.padding === 'valid' && (layer.kernelSize > h || layer.kernelSize > w)) {
        return `the ${layer.kernelSize}x${layer.kernelSize} kernel is larger than its ${h}x${w} input`;
      }
      const outH = convLength(h, layer.kernelSize, layer.strides, layer.padding);
      const outW = convLength(w, layer.kernelSize, layer.strides, layer.padding);
      if (outH < 1 || outW < 1) return `stride ${layer.strides} leaves no output`;
      return { outputShape: [outH, outW, layer.filters], params: layer.kernelSize * layer.kernelSize * c * layer.filters + layer.filters };
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      if (input.length !== 3) return `a pooling layer needs an image input, but gets [${input.join(', ')}]`;
      if (!isPositiveInt(layer.poolSize)) return 'the pool size must be a positive integer';
      if (!isPositiveInt(layer.strides)) return 'the stride must be a positive integer';
      const [h, w, c] = input;
      if (layer.poolSize > h || layer.poolSize > w)
        return `the ${layer.poolSize}x${layer.poolSize} pool is larger than its ${h}x${w} input`;
      const outH = convLength(h, layer.poolSize, layer.strides, 'valid');
      const outW = convLength(w, layer.poolSize, layer.strides, 'valid');
      if (outH < 1 || outW < 1) return `stride ${layer.strides} leaves no output`;
      return { outputShape: [outH, outW, c], params: 0 };
    }
    case 'flatten':
      return { outputShape: [product(input)], params: 0 };
    case 'dropout':
      if (!(layer.rate >= 0 && layer.rate < 1)) return 'the dropout rate must be at least 0 and below 1';
      return { outputShape: input.slice(), params: 0 };
    case 'batchNormalization':
      // gamma, beta (trained) and moving mean, moving variance (not trained).
      return { outputShape: input.slice(), params: 4 * input[input.length - 1] };
  }
}

/** Checks a whole stack from `inputShape` to `output`; names the first bad layer. */
export function checkModel(layers: readonly LayerSpec[], inputShape: number[], output: OutputSpec): ModelCheck {
  const infos: LayerInfo[] = [];
  let shape = inputShape;
  let totalParams = 0;
  for (let i = 0; i < layers.length; i++) {
    const result = inferLayer(layers[i], shape);
    if (typeof result === 'string') {
      return { ok: false, layers: infos, layerIndex: i, message: `Layer ${i + 1} (${layers[i].kind}): ${result}.`, totalParams };
    }
    infos.push(result);
    totalParams += result.params;
    shape = result.outputShape;
  }
  const head = inferLayer({ kind: 'dense', units: output.units, activation: output.activation }, shape);
  if (typeof head === 'string') {
    return {
      ok: false,
      layers: infos,
      layerIndex: layers.length,
      message: `Output layer: it needs a flat input, but the last layer gives [${shape.join(', ')}]: add a flatten layer.`,
      totalParams,
    };
  }
  totalParams += head.params;
  // As tfjs and Keras count: a frozen layer's weights are not trainable; batch norm's moving statistics never are.
  const trainableParams =
    head.params +
    layers.reduce((sum, layer, i) => {
      if (isFrozen(layer)) return sum;
      return sum + (layer.kind === 'batchNormalization' ? infos[i].params / 2 : infos[i].params);
    }, 0);
  if (totalParams > MAX_PARAMS) {
    return {
      ok: false,
      layers: infos,
      layerIndex: layers.length,
      message: `The model has ${totalParams.toLocaleString('en-US')} parameters, over the limit of ${MAX_PARAMS.toLocaleString('en-US')}.`,
      totalParams,
    };
  }
  return { ok: true, layers: infos, output: head, totalParams, trainableParams };
}

/** Kernel names a backend must have to train a layer of this kind. */
export function requiredKernels(kind: LayerKind): string[] {
  switch (kind) {
    case 'conv2d':
      return ['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput'];
    case 'maxPool2d':
      return ['MaxPool', 'MaxPoolGrad'];
    case 'avgPool2d':
      return ['AvgPool', 'AvgPoolGrad'];
    case 'dense':
      return ['BatchMatMul'];
    case 'flatten':
    case 'dropout':
    case 'batchNormalization':
      return [];
  }
}

/**
 * Rough memory training needs, in bytes (float32): weights, gradients and two
 * optimizer slots per parameter, plus each layer's activations and their
 * gradients for one batch.
 */
/**
 * Memory a run may count on in a browser tab: WebAssembly's 32-bit memory
 * stops at 4 GiB, and a tab is often stopped well before; GPU buffers come
 * out of a similar share. A model whose estimate passes this is refused
 * before Train rather than aborting part way.
 */
export const TRAINING_MEMORY_BUDGET = 2 * 2 ** 30;

/** Why a run of this size cannot be trained here, or null (`bytes` from estimateTrainingBytes). */
export function memoryProblem(bytes: number, batchSize: number): string | null {
  if (bytes <= TRAINING_MEMORY_BUDGET) return null;
  const mib = (n: number) => `${Math.round(n / 2 ** 20).toLocaleString('en-US')} MiB`;
  return `Training this model at batch size ${batchSize} needs about ${mib(bytes)}, more than the ${mib(TRAINING_MEMORY_BUDGET)} a browser tab can be counted on for. Lower the batch size, or use fewer or smaller layers.`;
}

export function estimateTrainingBytes(check: ModelCheck, inputShape: number[], batchSize: number): number {
  const activations = [inputShape, ...check.layers.map((l) => l.outputShape), ...(check.ok ? [check.output.outputShape] : [])]
    .map(product)
    .reduce((a, b) => a + b, 0);
  return 4 * (4 * check.totalParams + 2 * batchSize * activations);
}

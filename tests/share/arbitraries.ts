// Arbitraries for property tests of links: any experiment the app accepts.
import { SCHEDULES } from '../../src/config/schedule';
import { DRIFTS } from '../../src/data/drift';
import fc from 'fast-check';
import {
  BACKEND_PREFERENCES,
  CLASS_WEIGHTINGS,
  IMBALANCE_MODES,
  PACES,
  LIMITS,
  OPTIMIZERS,
  PANELS,
  type ExperimentConfig,
  type NumberLimit,
} from '../../src/config/experiment';
import { SAMPLE_CSVS, type DatasetRef } from '../../src/config/datasets';
import { SYNTHETIC_SHAPES } from '../../src/data/synthetic';
import { FEATURES } from '../../src/data/features';
import { ACTIVATIONS, checkModel, type LayerSpec } from '../../src/model/spec';

const MNIST_SHAPE = [28, 28, 1];
const SOFTMAX10 = { units: 10, activation: 'softmax' } as const;

/** Any number a setting accepts. */
function withinLimit(limit: NumberLimit): fc.Arbitrary<number> {
  if (limit.integer) return fc.integer({ min: limit.min, max: Math.min(limit.max, 2 ** 31 - 1) });
  return fc
    .double({ min: limit.min, max: limit.max, noNaN: true, noDefaultInfinity: true })
    .filter((v) => !(limit.minExclusive && v <= limit.min) && !(limit.maxExclusive && v >= limit.max) && !Object.is(v, -0));
}

const activation = fc.constantFrom(...ACTIVATIONS);
const penalty = fc.option(
  fc.double({ min: 0, max: 1, noNaN: true }).filter((v) => !Object.is(v, -0)),
  { nil: undefined },
);
const imageLayer: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('conv2d' as const),
      filters: fc.integer({ min: 1, max: 16 }),
      kernelSize: fc.integer({ min: 1, max: 7 }),
      strides: fc.integer({ min: 1, max: 3 }),
      padding: fc.constantFrom('valid' as const, 'same' as const),
      activation,
      l1: penalty,
      l2: penalty,
      frozen: fc.constant(true),
    },
    { requiredKeys: ['kind', 'filters', 'kernelSize', 'strides', 'padding', 'activation'] },
  ),
  fc.record({
    kind: fc.constantFrom('maxPool2d' as const, 'avgPool2d' as const),
    poolSize: fc.integer({ min: 1, max: 4 }),
    strides: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('dropout' as const),
    rate: fc.double({ min: 0, max: 0.95, noNaN: true }).filter((v) => !Object.is(v, -0)),
  }),
  fc.constant<LayerSpec>({ kind: 'batchNormalization' }),
);
const flatLayer: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('dense' as const),
      units: fc.integer({ min: 1, max: 300 }),
      activation,
      l1: penalty,
      l2: penalty,
      frozen: fc.constant(true),
    },
    { requiredKeys: ['kind', 'units', 'activation'] },
  ),
  fc.record({ kind: fc.constant('dropout' as const), rate: fc.constantFrom(0, 0.1, 0.5) }),
  fc.constant<LayerSpec>({ kind: 'batchNormalization' }),
);
const imageLayers = fc
  .tuple(fc.array(imageLayer, { maxLength: 4 }), fc.array(flatLayer, { maxLength: 4 }))
  .map(([image, flat]) => [...image, { kind: 'flatten' } as LayerSpec, ...flat])
  .filter((stack) => checkModel(stack, MNIST_SHAPE, SOFTMAX10).ok);
const rowLayers = fc
  .tuple(fc.boolean(), fc.array(flatLayer, { maxLength: 4 }))
  .map(([flatten, flat]) => (flatten ? [{ kind: 'flatten' } as LayerSpec, ...flat] : flat));

const name = fc.string({ minLength: 1, maxLength: 30 });
const csvOptions = fc.option(
  fc.record({
    target: name,
    task: fc.constantFrom('classification' as const, 'regression' as const),
    overrides: fc.array(
      fc.record({ column: name, type: fc.constantFrom('numeric' as const, 'categorical' as const, 'ignored' as const) }),
      { maxLength: 3 },
    ),
    missing: fc.constantFrom('drop' as const, 'mean' as const, 'median' as const, 'mode' as const),
    scaling: fc.constantFrom('standard' as const, 'minmax' as const, 'none' as const),
    dropDuplicates: fc.boolean(),
  }),
  { nil: null },
);
const csvSource = fc.oneof(
  fc.constantFrom(...SAMPLE_CSVS).map((sample) => ({ type: 'sample' as const, name: sample })),
  fc.webUrl({ withQueryParameters: true, withFragments: true }).map((url) => ({ type: 'url' as const, url: new URL(url).href })),
  name.map((file) => ({ type: 'file' as const, name: file })),
  fc.constant({ type: 'text' as const }),
);
/** Any dataset reference, with layers that suit it. */
const datasetAndLayers: fc.Arbitrary<Pick<ExperimentConfig, 'dataset' | 'layers'>> = fc.oneof(
  fc.record({
    dataset: fc.constantFrom<DatasetRef>({ kind: 'mnist-sample' }, { kind: 'mnist' }, { kind: 'fashion-mnist' }),
    layers: imageLayers,
  }),
  fc.record({
    dataset: fc.record({
      kind: fc.constant('synthetic' as const),
      shape: fc.constantFrom(...SYNTHETIC_SHAPES),
      noise: fc.double({ min: 0, max: 0.5, noNaN: true }).filter((v) => !Object.is(v, -0)),
      count: fc.integer({ min: 50, max: 5000 }),
      features: fc.subarray([...FEATURES], { minLength: 1 }),
    }),
    layers: rowLayers,
  }),
  fc.record({
    dataset: fc.record({
      kind: fc.constant('csv' as const),
      source: csvSource,
      header: fc.constantFrom(null, true, false),
      options: csvOptions,
    }),
    layers: rowLayers,
  }),
  fc.record({ dataset: fc.record({ kind: fc.constant('idx' as const), name }), layers: rowLayers }),
);

/** Any experiment the app accepts. */
const settings = fc.record({
  optimizer: fc.constantFrom(...OPTIMIZERS),
  optimizerParams: fc.record({
    momentum: withinLimit(LIMITS.momentum),
    beta1: withinLimit(LIMITS.beta1),
    beta2: withinLimit(LIMITS.beta2),
    rho: withinLimit(LIMITS.rho),
    epsilon: withinLimit(LIMITS.epsilon),
    initialAccumulator: withinLimit(LIMITS.initialAccumulator),
  }),
  learningRate: withinLimit(LIMITS.learningRate),
  batchSize: withinLimit(LIMITS.batchSize),
  epochs: withinLimit(LIMITS.epochs),
  validationSplit: withinLimit(LIMITS.validationSplit),
  weightDecay: withinLimit(LIMITS.weightDecay),
  schedule: fc.constantFrom(...SCHEDULES),
  decayRate: withinLimit(LIMITS.decayRate),
  decayEvery: withinLimit(LIMITS.decayEvery),
  warmupEpochs: withinLimit(LIMITS.warmupEpochs),
  earlyStopping: fc.boolean(),
  patience: withinLimit(LIMITS.patience),
  seed: withinLimit(LIMITS.seed),
  trainFraction: withinLimit(LIMITS.trainFraction),
  labelNoise: withinLimit(LIMITS.labelNoise),
  imbalance: fc.constantFrom(...IMBALANCE_MODES),
  imbalanceClass: withinLimit(LIMITS.imbalanceClass),
  imbalanceShare: withinLimit(LIMITS.imbalanceShare),
  imbalanceValidation: fc.boolean(),
  classWeights: fc.constantFrom(...CLASS_WEIGHTINGS),
  classWeightValues: fc.oneof(fc.constant(''), fc.constant('1, 1, 5'), fc.string({ maxLength: 400 })),
  folds: withinLimit(LIMITS.folds),
  fold: withinLimit(LIMITS.fold),
  stratifiedFolds: fc.boolean(),
  drift: fc.constantFrom(...DRIFTS),
  driftAmount: withinLimit(LIMITS.driftAmount),
  driftApplied: fc.boolean(),
  driftColumn: fc.oneof(fc.constant(''), fc.constant('#row'), fc.string({ maxLength: 100 })),
  driftValidation: fc.boolean(),
  pace: fc.constantFrom(...PACES),
  untilStopped: fc.boolean(),
  backend: fc.constantFrom(...BACKEND_PREFERENCES),
  classroom: fc.boolean(),
  hiddenPanels: fc.subarray([...PANELS]),
});
export const validConfig: fc.Arbitrary<ExperimentConfig> = fc
  .tuple(datasetAndLayers, settings)
  .map(([data, rest]) => ({ ...data, ...rest }));

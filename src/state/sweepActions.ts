// The sweep form: knob, values, seeds, target and the plotted column. The
// runner that trains the members is state/sweepRunner.ts.
import { parseValues, THIS_EXPERIMENT, type Knob, type SweepSpec } from '../sweep/plan';
import { setSlice, useAppStore, type SweepSlice } from './store';

/** Values to start from when the knob changes. */
const STARTING_VALUES: Record<Knob, string> = {
  none: THIS_EXPERIMENT,
  trainFraction: '0.05, 0.2, 1',
  optimizer: 'sgd, momentum, adam, rmsprop, adadelta, adamax',
  learningRate: '0.0001..0.1 x4',
  batchSize: '16, 64, 256',
  epochs: '1, 3, 10',
  backend: 'cpu, wasm, webgl',
  model: 'logistic, mlp, overfit, forest',
  width: '0.25, 1, 4',
  depth: '0, 1, 2, 4',
  dropout: '0, 0.25, 0.5',
  weightDecay: '0.00001..0.01 x4',
  labelNoise: '0, 0.2, 0.4',
  driftAmount: '0, 0.25, 0.5, 0.75, 1',
};

const setSweep = (update: (sweep: SweepSlice) => Partial<SweepSlice>) => setSlice('sweep', update);

export function setSweepValues(text: string): void {
  setSweep((sweep) => {
    const { values, problems } = parseValues(sweep.spec.knob, text);
    return { valuesText: text, problems, spec: { ...sweep.spec, values } };
  });
}

export function setSweepKnob(knob: Knob): void {
  setSweep((sweep) => ({ spec: { ...sweep.spec, knob } }));
  setSweepValues(STARTING_VALUES[knob]);
}

export function setSweepSeeds(seeds: number): void {
  setSweep((sweep) => ({ spec: { ...sweep.spec, seeds } }));
}

/** k-fold cross-validation for every value (0: off, the hold-out split). */
export function setSweepFolds(folds: number): void {
  setSweep((sweep) => ({ spec: { ...sweep.spec, folds } }));
}

/** Sets the form to k-fold cross-validation of the experiment itself (nothing else changes). */
export function crossValidate(folds: number): void {
  setSweepSpec({ ...useAppStore.getState().sweep.spec, knob: 'none', values: [THIS_EXPERIMENT], folds });
}

export function setSweepTarget(target: number): void {
  setSweep((sweep) => ({ spec: { ...sweep.spec, target } }));
}

/** The column the chart plots (also for a sweep already run). */
export function setSweepMetric(metric: string): void {
  setSweep((sweep) => ({
    spec: { ...sweep.spec, metric },
    active: sweep.active ? { ...sweep.active, spec: { ...sweep.active.spec, metric } } : null,
  }));
}

/** Sets the whole form (a textbook table, or a link). */
export function setSweepSpec(spec: SweepSpec): void {
  setSweep(() => ({ spec, valuesText: spec.values.join(', '), problems: [] }));
  useAppStore.setState({ workbenchTab: 'sweeps' });
}

// What a lesson reads from a run: its epochs and a few numbers derived from
// them. Pure; the page builds these from the run that just ended, and the
// lessons' tests from the same run trained under Node.
import type { ExperimentConfig } from '../config/experiment';
import type { EpochPoint, SplitScores } from '../metrics/types';
import type { LayerChange } from '../model/picture';

export interface RunFacts {
  config: ExperimentConfig;
  epochs: readonly EpochPoint[];
  /** Why the run ended early (a diverging loss), or null. */
  error: string | null;
  backend: string | null;
  /** Training samples per second the run made (null: not known). */
  samplesPerSecond: number | null;
  /** What auto measured before choosing: each backend's training speed on this model (empty when the backend was named). */
  speeds: readonly MeasuredSpeed[];
  /** WebGL or WebGPU on a software adapter (its name): it computes on the CPU. */
  software: string | null;
  /** Samples the run trained and validated on (absent where not known). */
  sizes?: { train: number; validation: number };
  /** The kept model the run started from, in words (transfer); null or absent: seeded weights. */
  startedFrom?: string | null;
  /** A random forest's scores on the run's own data and split (steps that measure it; absent until it has grown; null: it could not grow on this data). */
  forest?: ForestFacts | null;
  /** The trained model's answer to what the learner drew (steps that measure it; absent until they draw). */
  drawing?: DrawingFacts;
  /** k-fold cross-validation: each fold's last-epoch scores (steps that measure folds; the epochs are the last fold's). */
  folds?: readonly FoldFacts[];
  /** Training a batch at a time (steps that measure steps): read at each pause. */
  stepping?: SteppingFacts;
}

export interface SteppingFacts {
  /** Weight updates made so far, and the step the last change is measured from. */
  step: number;
  from: number;
  /** Each batch's loss so far, in order. */
  losses: readonly number[];
  /** The change in each layer's drawn weights from step `from` to `step`. */
  layers: readonly LayerChange[];
  /** Columns of the picture (input, the hidden layers, output), for naming a layer. */
  columns: number;
}

export interface FoldFacts {
  /** 1..k: the fold it validated on. */
  fold: number;
  train: SplitScores;
  validation: SplitScores;
}

export interface ForestFacts {
  train: SplitScores;
  validation: SplitScores;
  trees: number;
  seconds: number;
}

export interface DrawingFacts {
  /** Class probabilities, in the order of `classes`. */
  probabilities: readonly number[];
  classes: readonly string[];
}

export interface MeasuredSpeed {
  backend: string;
  /** null: not timed (too slow at its first step, or it cannot train this model here; `reason` says which). */
  samplesPerSecond: number | null;
  reason?: string;
}

const lastOf = (run: RunFacts) => run.epochs[run.epochs.length - 1] ?? null;

/** The last epoch's validation accuracy (NaN when the run has none). */
export const finalAccuracy = (run: RunFacts): number => lastOf(run)?.validation.accuracy ?? Number.NaN;
/** The last epoch's training accuracy. */
export const finalTrainAccuracy = (run: RunFacts): number => lastOf(run)?.train.accuracy ?? Number.NaN;
/** The last epoch's validation macro F1. */
export const finalF1 = (run: RunFacts): number => lastOf(run)?.validation.f1 ?? Number.NaN;
/** The last epoch's training loss. */
export const finalLoss = (run: RunFacts): number => lastOf(run)?.train.loss ?? Number.NaN;
/** Training minus validation accuracy at the last epoch: how far validation has peeled away. */
export const accuracyGap = (run: RunFacts): number => finalTrainAccuracy(run) - finalAccuracy(run);
/** The first epoch whose validation accuracy reached `target`, or null. */
export function epochReaching(run: RunFacts, target: number): number | null {
  return run.epochs.find((point) => (point.validation.accuracy ?? 0) >= target)?.epoch ?? null;
}
/** The run blew up: a non-finite loss, or the run was stopped for diverging. */
export const diverged = (run: RunFacts): boolean =>
  run.error !== null || run.epochs.some((point) => !Number.isFinite(point.train.loss) || point.train.loss > 1e3);
/** Hidden units in the dense layers. */
export const hiddenUnits = (run: RunFacts): number =>
  run.config.layers.reduce((sum, layer) => sum + (layer.kind === 'dense' ? layer.units : 0), 0);

/** A number as the readings quote it. */
export const fmt = (value: number, digits = 3): string => (Number.isFinite(value) ? value.toFixed(digits) : '—');
/** "Your prediction held" or not, in words. */
export function predictionWords(prediction: string | null, answer: string): string {
  if (prediction === null) return `You made no prediction; the run says "${answer}".`;
  return prediction === answer ? `Your prediction ("${prediction}") held.` : `You predicted "${prediction}"; the run says "${answer}".`;
}
/** What the learner changed, for a reading that says so. */
export function changedWords(changed: readonly string[]): string {
  if (changed.length === 0) return '';
  return ` You changed ${changed.slice(0, 4).join('; ')}${changed.length > 4 ? ` and ${changed.length - 4} more` : ''} from the step's preset, so these are the numbers of your own experiment.`;
}
/** Weight updates the run made (the last epoch's step count). */
export const finalSteps = (run: RunFacts): number => run.epochs[run.epochs.length - 1]?.step ?? 0;
/** "0.042 higher" / "0.042 lower": a change in words. */
export const changeWords = (from: number, to: number): string => `${fmt(Math.abs(to - from))} ${to >= from ? 'higher' : 'lower'}`;
/** The forest's validation accuracy (NaN until it has grown). */
export const forestAccuracy = (run: RunFacts): number => run.forest?.validation.accuracy ?? Number.NaN;
/** The forest's training accuracy (NaN until it has grown). */
export const forestTrainAccuracy = (run: RunFacts): number => run.forest?.train.accuracy ?? Number.NaN;
/** The class the model gave the drawing, and its probability (null: nothing drawn yet). */
export function drawnAnswer(run: RunFacts): { name: string; confidence: number } | null {
  const drawing = run.drawing;
  if (!drawing || drawing.probabilities.length === 0) return null;
  let best = 0;
  drawing.probabilities.forEach((p, i) => {
    if (p > drawing.probabilities[best]) best = i;
  });
  return { name: drawing.classes[best] ?? String(best), confidence: drawing.probabilities[best] };
}
/** Mean and (sample) standard deviation of the folds' validation accuracy, with the lowest and highest; null: no folds. */
export function foldSpread(run: RunFacts): { mean: number; sd: number; low: number; high: number; gap: number } | null {
  const folds = run.folds ?? [];
  if (folds.length === 0) return null;
  const values = folds.map((f) => f.validation.accuracy ?? Number.NaN);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  const gap = folds.reduce((a, f) => a + (f.train.accuracy ?? Number.NaN) - (f.validation.accuracy ?? Number.NaN), 0) / folds.length;
  return { mean, sd, low: Math.min(...values), high: Math.max(...values), gap };
}
/** A layer of the picture in words: the column its weights lead into. */
export function layerName(into: number, columns: number): string {
  return into === columns - 1 ? 'the output layer' : `hidden layer ${into}`;
}

// One small interface over the two ways to train: tfjs (any of its backends)
// and the fused typed-array engine for small dense nets. The loop, the
// insight views and the boundary never ask which one ran.
import type { BackendName } from '../../config/experiment';
import type { EngineState } from './engineState';

/** One batch on the host: inputs `[count, ...sampleShape]` (bytes already scaled to [0, 1]) and labels. */
export interface HostBatch {
  values: Float32Array;
  /** Class indices (classification) or target values in their own units (regression). */
  labels: Float32Array;
  count: number;
}

/** What one training step gives back: the batch's total loss (with penalties) and per-sample readout. */
export interface StepResult {
  loss: number;
  /** Predicted class index, or the standardised prediction (regression), per sample. */
  readout: ArrayLike<number>;
}

/** A copy of the weights (early stopping keeps the best epoch's). */
export interface WeightSnapshot {
  restore(): void;
  dispose(): void;
  /** The copy's values in tfjs order, so another engine can take it over. */
  read(): Promise<Float32Array[]>;
}

export interface Engine {
  /** The backend name shown to the user ('fused' for the typed-array engine). */
  readonly backend: BackendName;
  /**
   * True when a step's work is done by the time trainStep returns (typed
   * arrays on the worker's thread): there is nothing to overlap, and the
   * thread is busy for the whole step. False: work is queued on a backend
   * and the promise settles later.
   */
  readonly synchronous: boolean;
  /**
   * Queues one training step (`step`: the run's global step, which seeds
   * dropout). The promise may settle later (GPU readback), so the loop can
   * queue the next batch before awaiting this one.
   */
  trainStep(batch: HostBatch, step: number): Promise<StepResult>;
  /** Inference: the sum of per-sample losses (no penalties) and the readout. */
  evaluate(batch: HostBatch): Promise<{ lossSum: number; readout: ArrayLike<number> }>;
  /** Raw model outputs `[count, units]` for inputs `[count, ...sampleShape]`. */
  predict(values: Float32Array, count: number): Promise<Float32Array>;
  setLearningRate(learningRate: number): void;
  snapshot(): WeightSnapshot;
  /** Makes the tfjs model hold the current weights (insight views and export read it). */
  syncModel(): void;
  /** A copy of the current weights in tfjs order (kernel, bias, … per layer), for the network picture. */
  readWeights(): Promise<Float32Array[]>;
  /** Replaces the weights (tfjs order), e.g. with a snapshot taken on another engine. */
  writeWeights(weights: Float32Array[]): void;
  /** Weights and optimizer state, for another engine to continue the run (rejects where the optimizer's state cannot be read). */
  exportState(): Promise<EngineState>;
}

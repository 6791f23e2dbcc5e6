// What a run needs to go on after a reload: its weights and optimizer state
// at an epoch end, where it stood, and early stopping's best so far. Kept in
// IndexedDB beside its record (history/db.ts), within a size cap. Plain data.
import { BACKEND_LABELS, type BackendName } from '../config/experiment';

/** A checkpoint's arrays may take at most this many bytes (weights, optimizer slots and best weights together). */
export const MAX_CHECKPOINT_BYTES = 64 * 1024 * 1024;
/** A run in progress is checkpointed at most this often (every epoch end when epochs take longer). */
export const CHECKPOINT_MS = 500;

export interface Checkpoint {
  /** The last finished epoch, and the global step at its end. */
  epoch: number;
  step: number;
  /** The backend it trained on: a resumed run goes on there, so CPU and WASM give the same curve. */
  backend: BackendName;
  /** The rate in use (a live change included). */
  learningRate: number;
  /** Weights in tfjs order, and the optimizer's steps and slots (train/engines/engineState.ts). */
  state: { weights: Float32Array[]; optimizer: { iterations: number; slots: Float32Array[] } };
  /** Early stopping: the epoch with the lowest validation loss so far, and its weights when it is not `epoch`. */
  best?: { epoch: number; loss: number; weights: Float32Array[] | null };
}

/** Bytes of a checkpoint's arrays. */
export function checkpointBytes(checkpoint: Pick<Checkpoint, 'state' | 'best'>): number {
  const arrays = [...checkpoint.state.weights, ...checkpoint.state.optimizer.slots, ...(checkpoint.best?.weights ?? [])];
  return arrays.reduce((sum, array) => sum + array.byteLength, 0);
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isArrays = (value: unknown): value is Float32Array[] => Array.isArray(value) && value.every((a) => a instanceof Float32Array);

/** A stored value read back: a checkpoint whose every field has its type, or null. */
export function readCheckpoint(value: unknown): Checkpoint | null {
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Record<string, unknown>;
  const state = c.state as { weights?: unknown; optimizer?: { iterations?: unknown; slots?: unknown } } | undefined;
  if (!isCount(c.epoch) || !isCount(c.step) || c.epoch < 1 || typeof c.learningRate !== 'number' || !(c.learningRate > 0)) return null;
  if (!Object.hasOwn(BACKEND_LABELS, c.backend as string) || !state || !isArrays(state.weights)) return null;
  if (!state.optimizer || !isCount(state.optimizer.iterations) || !isArrays(state.optimizer.slots)) return null;
  const best = c.best as { epoch?: unknown; loss?: unknown; weights?: unknown } | undefined;
  if (best !== undefined && (!isCount(best.epoch) || typeof best.loss !== 'number' || (best.weights !== null && !isArrays(best.weights))))
    return null;
  return value as Checkpoint;
}

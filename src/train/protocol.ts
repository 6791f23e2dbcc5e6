// The one shared vocabulary between the page and the training worker. Every
// message is plain, structured-clone-safe data tagged with `type` and the
// `runId` it belongs to, so late messages of an old run can be ignored.
import type { NetworkPicture } from './insight/networkPicture';
import type { TestHooks } from './testHooks';
import type { BackendName, ExperimentConfig } from '../config/experiment';
import type { Task } from '../data/dataset';
import type { BatchPoint, EpochPoint, ProbePoint } from '../metrics/types';
import type { DataSource, LoadedSummary, LoadPhase } from './data/dataSources';
import type { ForestResult } from './insight/forest';
import type { RangePoint } from '../metrics/lrRange';
import type { InspectQuery, InspectResult } from './insight/inspect';
import type { ExportData } from './export/exportData';
import type { ModelArtifactsOut } from './export/modelArtifacts';
import type { Checkpoint } from '../history/checkpoint';

/** Bumped whenever a message shape changes. */
export const PROTOCOL_VERSION = 5;

export type { TestHooks };

/** What a run needs to begin: sent with `start`, and ahead of time with `preload`. */
export interface RunRequest {
  version: number;
  config: ExperimentConfig;
  baseUrl: string;
  testHooks?: TestHooks;
  /** Train one batch, then wait paused (Step pressed before Train). */
  startPaused?: boolean;
  /** Start from these weights (an opened model file) instead of the seeded initial ones. */
  initialWeights?: InitialWeights;
  /** The kept model knew other classes: its output layer is left out, and starts from the seed (transfer). */
  replaceOutput?: boolean;
  /** Train nothing: score the (opened) model on both splits as epoch 0, then end. */
  evaluateOnly?: boolean;
  /** A sweep member's target: validation is checked between epoch ends until it is reached (`probe` events). */
  probeTarget?: number;
  /** Go on from this checkpoint (an interrupted run, resumed), on its backend. */
  resume?: Checkpoint;
}

/** Weights in tfjs order (kernel, bias, … per layer), with their shapes. */
export type InitialWeights = { shape: number[]; values: Float32Array }[];

export type ToWorker =
  | ({ type: 'start'; runId: number } & RunRequest)
  /** Load the data and pick the backend now, so that Train starts at once. */
  | ({ type: 'preload'; runId: number } & RunRequest)
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  /** Train exactly one batch, then pause. */
  | { type: 'step'; runId: number }
  | { type: 'stop'; runId: number }
  /** Takes effect at the next batch. */
  | { type: 'set-learning-rate'; runId: number; learningRate: number }
  /** At most this many epochs a second from the next epoch on (Infinity: unpaced). */
  | { type: 'set-pace'; runId: number; epochsPerSecond: number }
  | WorkerRequest;

/**
 * The questions the page asks the worker, each answered once: what it asks,
 * what it reports while working (`never`: nothing), and what it answers.
 */
export interface Requests {
  /** Load (or reuse) data so the page can show it. */
  'load-data': { ask: DataSource; progress: { phase: LoadPhase; fraction: number | null }; answer: LoadedSummary };
  /** Ask the current (or last) run's model about samples or one input. */
  inspect: { ask: InspectQuery; progress: never; answer: InspectResult };
  /** The model's files (tfjs LayersModel artifacts) and what a Keras project needs besides (the rows only when `table`). */
  export: { ask: { table: boolean }; progress: never; answer: { artifacts: ModelArtifactsOut; data: ExportData } };
  /** Open model files: zips inflated here, with caps, to the .json and .bin entries the page reads. */
  'model-files': { ask: File[]; progress: never; answer: { name: string; bytes: Uint8Array }[] };
  /** Grow a random forest on the experiment's data and split (the overfitting lab's settings included). */
  forest: { ask: { config: ExperimentConfig; trees: number }; progress: { fraction: number }; answer: ForestResult };
  /** The learning-rate range test on the experiment's model, on an engine of its own (the opened model's weights, if given). */
  'lr-finder': {
    ask: { config: ExperimentConfig; weights?: InitialWeights; replaceOutput?: boolean };
    progress: { fraction: number };
    answer: LrFinderResult;
  };
}
export type RequestKind = keyof Requests;

/** One request, tagged with its id; the worker answers with `reply` or `reply-error`, after any `reply-progress`. */
export type RequestOf<K extends RequestKind> = {
  type: 'request';
  requestId: number;
  version: number;
  kind: K;
  ask: Requests[K]['ask'];
  baseUrl: string;
  testHooks?: TestHooks;
};
export type WorkerRequest = { [K in RequestKind]: RequestOf<K> }[RequestKind];

/** The learning-rate finder's answer: the smoothed loss at each rate, the suggested rate, and why it stopped early. */
export interface LrFinderResult {
  points: RangePoint[];
  suggested: number | null;
  /** Why the test ended before its last step, if it did. */
  stopped: string | null;
  backend: BackendName;
}

/** A backend that was tried and passed over, and why. */
export interface Fallback {
  backend: BackendName;
  reason: string;
}

/** A backend's measured training speed on this model; null with the reason when it cannot train it. */
export interface BackendSpeed {
  backend: BackendName;
  samplesPerSecond: number | null;
  reason?: string;
  /** WASM: how many threads it computed on (1 where the page is not cross-origin isolated). */
  threads?: number;
  /** WASM: its thread count and why, in words. */
  threadsNote?: string;
}

/** The backend a run uses, and why. */
export interface BackendChoice {
  backend: BackendName;
  /** Backends that cannot train this model here, and why. */
  fallbacks: Fallback[];
  /** What was measured (auto: every backend; an explicit choice: that one). */
  speeds: BackendSpeed[];
  /** The choice in words, e.g. "Auto chose WASM: the fastest for this model, …". */
  reason: string;
  /** Train was pressed before every backend was measured. */
  partial: boolean;
}

export type RunPhase = 'loading-data' | 'starting-backend' | 'training' | 'evaluating' | 'measuring';

export type FromWorker =
  | { type: 'phase'; runId: number; phase: RunPhase }
  | {
      type: 'ready';
      runId: number;
      backend: BackendName;
      fallbacks: Fallback[];
      speeds: BackendSpeed[];
      /** Why this backend, in words. */
      backendReason: string;
      /** WebGL or WebGPU on a software adapter (its name): it computes on the CPU. */
      software?: string;
      task: Task;
      /** Training labels the label-noise knob flipped. */
      labelsFlipped: number;
      trainSamples: number;
      validationSamples: number;
      stepsPerEpoch: number;
      /** Classification: samples of each class in the training and validation splits. */
      classCounts?: { train: number[]; validation: number[] };
    }
  /** Only the batch points new since the previous progress message. */
  | { type: 'progress'; runId: number; points: BatchPoint[]; samplesPerSecond: number }
  /** `tensors`: tf.memory().numTensors after the epoch (should stay flat). */
  | { type: 'epoch-end'; runId: number; point: EpochPoint; tensors: number }
  /**
   * Where the run stands at an epoch end, to resume it after a reload (at
   * most every CHECKPOINT_MS); null once, with why, when it cannot be kept.
   */
  | { type: 'checkpoint'; runId: number; checkpoint: Checkpoint | null; note?: string }
  /** Validation scored between epoch ends, every `every` steps until the target is reached. */
  | { type: 'probe'; runId: number; point: ProbePoint; every: number }
  | { type: 'paused'; runId: number; step: number }
  | { type: 'resumed'; runId: number }
  /** The learning rate changed from global step `step` on. */
  | { type: 'learning-rate'; runId: number; step: number; learningRate: number }
  /** Early stopping put back the weights of `epoch` (lowest validation loss). */
  | { type: 'best-restored'; runId: number; epoch: number }
  /** `kept`: the model's weights as the run ends (the kept epoch's), for the history to keep; absent for a sweep member, an evaluation, or a model over the cap. */
  | { type: 'done'; runId: number; reason: 'completed' | 'stopped' | 'early-stopped'; kept?: InitialWeights }
  /**
   * Auto timed every backend during the run (at the end of `epoch`): the
   * speeds, the backend the run goes on with, and whether it switched there
   * (weights and optimizer state carried over).
   */
  | {
      type: 'backend-measured';
      runId: number;
      epoch: number;
      backend: BackendName;
      speeds: BackendSpeed[];
      reason: string;
      switched: boolean;
    }
  /** Sent every few seconds while a run exists, so the page can tell a dead worker from a slow one. */
  | { type: 'heartbeat'; runId: number }
  /** `restart`: the worker's backend state may be broken (a WebAssembly abort): the page replaces the worker. */
  | { type: 'error'; runId: number; message: string; restart?: boolean }
  /** Training goes on, but something looks wrong (a loss that diverges without reaching NaN), with advice. */
  | { type: 'warning'; runId: number; message: string }
  /** The model's output over the plane of a 2-D set, `size` x `size` grey levels, after each epoch. */
  | { type: 'boundary'; runId: number; epoch: number; size: number; extent: number; values: Uint8Array; min: number; max: number }
  /** The network picture from the latest weights (train/networkPicture.ts), at most about once a frame. */
  /** `step`: the run's weight updates when the weights were read. */
  | { type: 'picture'; runId: number; epoch: number; step: number; picture: NetworkPicture }
  /** The points of a 2-D set (x, y pairs), their labels, and whether each is a training point. */
  | { type: 'scatter'; runId: number; xy: number[]; labels: number[]; train: boolean[] };

/** Answers to requests, tagged with the requestId (not a run). */
export type ReplyEvent =
  | { [K in RequestKind]: { type: 'reply-progress'; requestId: number; kind: K; progress: Requests[K]['progress'] } }[RequestKind]
  | { [K in RequestKind]: { type: 'reply'; requestId: number; kind: K; answer: Requests[K]['answer'] } }[RequestKind]
  | { type: 'reply-error'; requestId: number; message: string };

/** What reaches the page outside any run: replies, and what a warm-up measured and chose (requestId 0). */
export type DataEvent = ReplyEvent | { type: 'backend-choice'; requestId: 0; choice: BackendChoice };

// Each list names every member of its union: the compiler checks both ways.
const TO_WORKER_TYPES = new Set(
  Object.keys({ start: 1, preload: 1, pause: 1, resume: 1, step: 1, stop: 1, 'set-learning-rate': 1, 'set-pace': 1 } satisfies Record<
    Exclude<ToWorker['type'], 'request'>,
    1
  >),
);
const REQUEST_KINDS = new Set(
  Object.keys({ 'load-data': 1, inspect: 1, export: 1, 'model-files': 1, forest: 1, 'lr-finder': 1 } satisfies Record<RequestKind, 1>),
);
const DATA_EVENT_TYPES = new Set(
  Object.keys({ 'reply-progress': 1, reply: 1, 'reply-error': 1, 'backend-choice': 1 } satisfies Record<DataEvent['type'], 1>),
);
const FROM_WORKER_TYPES = new Set(
  Object.keys({
    warning: 1,
    heartbeat: 1,
    phase: 1,
    ready: 1,
    progress: 1,
    'epoch-end': 1,
    probe: 1,
    checkpoint: 1,
    paused: 1,
    resumed: 1,
    'learning-rate': 1,
    'best-restored': 1,
    done: 1,
    error: 1,
    boundary: 1,
    picture: 1,
    scatter: 1,
    'backend-measured': 1,
  } satisfies Record<FromWorker['type'], 1>),
);

function isTagged(value: unknown, tag: 'runId' | 'requestId' = 'runId'): value is { type: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    Number.isInteger((value as Record<string, unknown>)[tag])
  );
}

/** Narrows a message received by the worker; anything else is ignored. */
export function isToWorker(value: unknown): value is ToWorker {
  if (isTagged(value, 'requestId')) return value.type === 'request' && REQUEST_KINDS.has((value as { kind?: unknown }).kind as string);
  return isTagged(value) && TO_WORKER_TYPES.has(value.type);
}

/** Narrows a reply (or a warm-up's choice) from the worker. */
export function isDataEvent(value: unknown): value is DataEvent {
  return isTagged(value, 'requestId') && DATA_EVENT_TYPES.has(value.type);
}

/** Narrows a message received from the worker. */
export function isFromWorker(value: unknown): value is FromWorker {
  return isTagged(value) && FROM_WORKER_TYPES.has(value.type);
}

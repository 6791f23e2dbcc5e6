// The page's handle on the training worker: start / pause / resume / step /
// stop, and one typed event stream. The worker is created on first use and
// replaced after it crashes, so a failure never leaves the page stuck.
import type { ExperimentConfig } from '../../config/experiment';
import type { Checkpoint } from '../../history/checkpoint';
import type { DataSource, LoadedSummary, LoadPhase } from '../data/dataSources';
import type { InspectQuery, InspectResult } from '../insight/inspect';
import type { ForestResult } from '../insight/forest';
import {
  isDataEvent,
  isFromWorker,
  PROTOCOL_VERSION,
  type BackendChoice,
  type DataEvent,
  type FromWorker,
  type InitialWeights,
  type LrFinderResult,
  type RequestKind,
  type Requests,
  type TestHooks,
  type ToWorker,
  type WorkerRequest,
} from '../protocol';

export type { DataSource, ForestResult, LrFinderResult, InspectQuery, InspectResult, LoadedSummary, LoadPhase, RequestKind, Requests };
export type { NetworkPicture } from '../insight/networkPicture';
/** Whether every file of a download is in the Cache API (the page asks before offering offline use). */
export { allCached } from '../data/fetchBytes';

/** A request waiting for its reply: one map holds them all, whatever their kind. */
interface Pending {
  resolve(answer: unknown): void;
  reject(error: Error): void;
  onProgress(progress: unknown): void;
}

/** How the page's client reaches its worker; given once, at construction. */
export interface ClientOptions {
  /** The app's base URL, against which the worker fetches data files. */
  baseUrl: string;
  /** Test-build options from the page URL (`e2e.*`). */
  testHooks?: TestHooks;
  /** Creates the worker; tests substitute a fake. */
  factory?: WorkerFactory;
  /** Silence after which a run's worker is declared dead (ms). */
  livenessMs?: number;
}

/** How a run starts, besides its config. */
export interface StartOptions {
  /** Train one batch, then pause. */
  startPaused?: boolean;
  /** Start from these weights (an opened model) instead of seeded ones. */
  weights?: InitialWeights;
  /** The weights' model knew other classes: its output layer starts afresh. */
  replaceOutput?: boolean;
  /** Only score the model as epoch 0. */
  evaluateOnly?: boolean;
  /** Check validation between epoch ends until it reaches this (a sweep member's target). */
  probeTarget?: number;
  /** Go on from an interrupted run's checkpoint. */
  resume?: Checkpoint;
}

export type TrainingEvent = FromWorker;

/** Creates the worker; injectable so tests can substitute a fake. */
export type WorkerFactory = () => Worker;

const defaultFactory: WorkerFactory = () => new Worker(new URL('../run/worker.ts', import.meta.url), { type: 'module', name: 'training' });

/** A run whose worker sends nothing (not even a heartbeat) for this long is declared dead. */
export const LIVENESS_TIMEOUT_MS = 15_000;
const LIVENESS_CHECK_MS = 1_000;

export class TrainingClient {
  private worker: Worker | null = null;
  /** The run the worker is working on (from start to done / error), and when the worker last spoke. */
  private activeRun: number | null = null;
  private lastHeard = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private runId = 0;
  private readonly listeners = new Set<(event: TrainingEvent) => void>();
  private readonly choiceListeners = new Set<(choice: BackendChoice) => void>();
  private requestId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly factory: WorkerFactory;
  private readonly livenessTimeoutMs: number;
  private readonly baseUrl: string;
  private testHooks: TestHooks | undefined;

  constructor(options: ClientOptions) {
    this.factory = options.factory ?? defaultFactory;
    this.livenessTimeoutMs = options.livenessMs ?? LIVENESS_TIMEOUT_MS;
    this.baseUrl = options.baseUrl;
    this.testHooks = options.testHooks;
  }

  /** Watches the active run: silence beyond the timeout means the worker died without an error event. */
  private watch(runId: number): void {
    this.activeRun = runId;
    this.lastHeard = performance.now();
    this.watchdog ??= setInterval(() => {
      if (this.activeRun === null) return;
      if (performance.now() - this.lastHeard < this.livenessTimeoutMs) return;
      const dead = this.activeRun;
      this.activeRun = null;
      this.dispose();
      this.failPending('The training worker stopped responding.');
      this.emit({
        type: 'error',
        runId: dead,
        message: `The training worker stopped responding for ${Math.round(this.livenessTimeoutMs / 1000)} s (the browser may have closed it, for example for lack of memory). The curves so far are kept; press Train to start again.`,
      });
    }, LIVENESS_CHECK_MS);
  }

  /** Subscribes to events of the current run; returns the unsubscribe function. */
  subscribe(listener: (event: TrainingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to the backend a warm-up measured and chose (before any Train). */
  onBackendChoice(listener: (choice: BackendChoice) => void): () => void {
    this.choiceListeners.add(listener);
    return () => this.choiceListeners.delete(listener);
  }

  /** Creates the worker and has it load data and pick a backend ahead of Train. */
  warmUp(config: ExperimentConfig): void {
    try {
      this.send({
        type: 'preload',
        runId: this.runId,
        version: PROTOCOL_VERSION,
        config,
        baseUrl: this.baseUrl,
        testHooks: this.testHooks,
      });
    } catch {
      // start() reports the failure when the user asks to train.
    }
  }

  /** Starts a new run (stopping any other) and returns its id. */
  start(config: ExperimentConfig, options: StartOptions = {}): number {
    const runId = ++this.runId;
    try {
      this.send({
        type: 'start',
        runId,
        version: PROTOCOL_VERSION,
        config,
        baseUrl: this.baseUrl,
        testHooks: this.testHooks,
        startPaused: options.startPaused ?? false,
        initialWeights: options.weights,
        ...(options.replaceOutput ? { replaceOutput: true } : {}),
        evaluateOnly: options.evaluateOnly ?? false,
        ...(options.probeTarget === undefined ? {} : { probeTarget: options.probeTarget }),
        ...(options.resume ? { resume: options.resume } : {}),
      });
      this.watch(runId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      queueMicrotask(() => this.emit({ type: 'error', runId, message: `The training worker could not start: ${reason}` }));
    }
    return runId;
  }

  /**
   * Asks the worker one question (see `Requests`): data to load (parsed
   * there, so the page never freezes), the model to inspect, a forest to
   * grow. Resolves with its answer; `onProgress` hears how it goes.
   */
  request<K extends RequestKind>(
    kind: K,
    ask: Requests[K]['ask'],
    onProgress?: (progress: Requests[K]['progress']) => void,
  ): Promise<Requests[K]['answer']> {
    const requestId = ++this.requestId;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, {
        resolve: resolve as Pending['resolve'],
        reject,
        onProgress: (progress) => onProgress?.(progress as Requests[K]['progress']),
      });
      try {
        this.send({
          type: 'request',
          requestId,
          version: PROTOCOL_VERSION,
          kind,
          ask,
          baseUrl: this.baseUrl,
          testHooks: this.testHooks,
        } as WorkerRequest);
      } catch (error) {
        this.pending.delete(requestId);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  pause(): void {
    this.send({ type: 'pause', runId: this.runId });
  }

  resume(): void {
    this.send({ type: 'resume', runId: this.runId });
  }

  step(): void {
    this.send({ type: 'step', runId: this.runId });
  }

  /** Changes the learning rate of the running model from its next batch. */
  setLearningRate(learningRate: number): void {
    this.send({ type: 'set-learning-rate', runId: this.runId, learningRate });
  }

  /** Changes the running model's pace from its next epoch (Infinity: unpaced). */
  setPace(epochsPerSecond: number): void {
    this.send({ type: 'set-pace', runId: this.runId, epochsPerSecond });
  }

  stop(): void {
    this.send({ type: 'stop', runId: this.runId });
  }

  /** Ends the worker; the next start creates a fresh one. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.activeRun = null;
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private send(message: ToWorker): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.factory();
    // A worker that never spoke and fails did not load: its script did not arrive or did not run.
    let heard = false;
    worker.onmessage = (event: MessageEvent<unknown>) => {
      heard = true;
      this.lastHeard = performance.now();
      // The worker's heartbeat thread speaks on a port of its own (train/heartbeat.ts).
      if (event.ports?.length === 1 && (event.data as { type?: unknown } | null)?.type === 'heartbeat-port') {
        event.ports[0].onmessage = () => {
          this.lastHeard = performance.now();
        };
        return;
      }
      if (isFromWorker(event.data) && (event.data.type === 'done' || event.data.type === 'error') && event.data.runId === this.activeRun)
        this.activeRun = null;
      if (isDataEvent(event.data)) return this.answer(event.data);
      if (isFromWorker(event.data) && event.data.runId === this.runId) this.emit(event.data);
      // A backend that aborted inside its WebAssembly stays broken in this worker: the next run gets a fresh one.
      if (isFromWorker(event.data) && event.data.type === 'error' && event.data.restart) {
        this.failPending(event.data.message);
        this.dispose();
        // A test's abort fires once per page: the fresh worker shows whether the restart left WASM clean.
        if (this.testHooks?.abortAtStep !== undefined) this.testHooks = { ...this.testHooks, abortAtStep: undefined };
      }
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.dispose();
      const message =
        !heard && !event.message
          ? 'The training worker could not be loaded: its script did not download or did not run (the connection dropped, or a stale offline copy of the app). Reload the page; the settings are kept in the link.'
          : `The training worker crashed: ${event.message || 'it gave no reason'}. Press Train to start again.`;
      this.failPending(message);
      this.emit({ type: 'error', runId: this.runId, message });
    };
    worker.onmessageerror = () => {
      this.emit({ type: 'error', runId: this.runId, message: 'A message from the training worker could not be read.' });
    };
    this.worker = worker;
    return worker;
  }

  /** Rejects every request still waiting for the worker. */
  private failPending(message: string): void {
    for (const pending of this.pending.values()) pending.reject(new Error(message));
    this.pending.clear();
  }

  /** Settles the request a reply belongs to, or passes on a warm-up's choice. */
  private answer(event: DataEvent): void {
    if (event.type === 'backend-choice') {
      for (const listener of this.choiceListeners) listener(event.choice);
      return;
    }
    const pending = this.pending.get(event.requestId);
    if (!pending) return;
    if (event.type === 'reply-progress') return pending.onProgress(event.progress);
    this.pending.delete(event.requestId);
    if (event.type === 'reply') pending.resolve(event.answer);
    else pending.reject(new Error(event.message));
  }

  private emit(event: TrainingEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

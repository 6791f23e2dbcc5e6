// The page's handle on the training worker: start / pause / resume / step /
// stop, and one typed event stream. The worker is created on first use and
// replaced after it crashes, so a failure never leaves the page stuck.
import type { ExperimentConfig } from '../config/experiment';
import type { DataSource, LoadedSummary, LoadPhase } from './dataSources';
import type { InspectQuery, InspectResult } from './inspect';
import type { ForestResult } from './forest';
import { isDataEvent, isFromWorker, PROTOCOL_VERSION, type BackendChoice, type DataEvent, type FromWorker, type InitialWeights, type TestHooks, type ToWorker } from './protocol';

export type { DataSource, InspectQuery, InspectResult, LoadedSummary, LoadPhase };

interface PendingLoad {
  resolve(summary: LoadedSummary): void;
  reject(error: Error): void;
  onProgress(phase: LoadPhase, fraction: number | null): void;
}

export type TrainingEvent = FromWorker;

/** Creates the worker; injectable so tests can substitute a fake. */
export type WorkerFactory = () => Worker;

const defaultFactory: WorkerFactory = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' });

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
  private readonly loads = new Map<number, PendingLoad>();
  private readonly inspections = new Map<number, { resolve(result: InspectResult): void; reject(error: Error): void }>();
  private readonly forests = new Map<number, { resolve(result: ForestResult): void; reject(error: Error): void; onProgress(fraction: number): void }>();

  constructor(
    private readonly factory: WorkerFactory = defaultFactory,
    private readonly livenessTimeoutMs = LIVENESS_TIMEOUT_MS,
  ) {}

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
  warmUp(config: ExperimentConfig, baseUrl: string, testHooks?: TestHooks): void {
    try {
      this.send({ type: 'preload', runId: this.runId, version: PROTOCOL_VERSION, config, baseUrl, testHooks });
    } catch {
      // start() reports the failure when the user asks to train.
    }
  }

  /** Starts a new run (stopping any other) and returns its id. */
  start(config: ExperimentConfig, baseUrl: string, testHooks?: TestHooks, startPaused = false, initialWeights?: InitialWeights, evaluateOnly = false): number {
    const runId = ++this.runId;
    try {
      this.send({ type: 'start', runId, version: PROTOCOL_VERSION, config, baseUrl, testHooks, startPaused, initialWeights, evaluateOnly });
      this.watch(runId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      queueMicrotask(() => this.emit({ type: 'error', runId, message: `The training worker could not start: ${reason}` }));
    }
    return runId;
  }

  /** Has the worker load data (parsing happens there, so the page never freezes). */
  loadData(source: DataSource, baseUrl: string, testHooks: TestHooks | undefined, onProgress: PendingLoad['onProgress']): Promise<LoadedSummary> {
    const requestId = ++this.requestId;
    return new Promise<LoadedSummary>((resolve, reject) => {
      this.loads.set(requestId, { resolve, reject, onProgress });
      try {
        this.send({ type: 'load-data', requestId, source, baseUrl, testHooks });
      } catch (error) {
        this.loads.delete(requestId);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Grows a random forest on `config`'s data and split (with the overfitting lab's settings), reporting the share grown. */
  forest(config: ExperimentConfig, baseUrl: string, testHooks: TestHooks | undefined, trees: number, onProgress: (fraction: number) => void): Promise<ForestResult> {
    const requestId = ++this.requestId;
    return new Promise<ForestResult>((resolve, reject) => {
      this.forests.set(requestId, { resolve, reject, onProgress });
      try {
        this.send({ type: 'forest', requestId, version: PROTOCOL_VERSION, config, baseUrl, testHooks, trees });
      } catch (error) {
        this.forests.delete(requestId);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Asks the current (or last) run's model about validation samples or one input. */
  inspect(query: InspectQuery): Promise<InspectResult> {
    const requestId = ++this.requestId;
    return new Promise<InspectResult>((resolve, reject) => {
      this.inspections.set(requestId, { resolve, reject });
      try {
        this.send({ type: 'inspect', requestId, query });
      } catch (error) {
        this.inspections.delete(requestId);
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
    worker.onmessage = (event: MessageEvent<unknown>) => {
      this.lastHeard = performance.now();
      // The worker's heartbeat thread speaks on a port of its own (train/heartbeat.ts).
      if (event.ports?.length === 1 && (event.data as { type?: unknown } | null)?.type === 'heartbeat-port') {
        event.ports[0].onmessage = () => {
          this.lastHeard = performance.now();
        };
        return;
      }
      if (isFromWorker(event.data) && (event.data.type === 'done' || event.data.type === 'error') && event.data.runId === this.activeRun) this.activeRun = null;
      if (isDataEvent(event.data)) return this.answer(event.data);
      if (isFromWorker(event.data) && event.data.runId === this.runId) this.emit(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.dispose();
      this.failPending(`The worker crashed: ${event.message || 'unknown error'}`);
      this.emit({ type: 'error', runId: this.runId, message: `The training worker crashed: ${event.message || 'unknown error'}` });
    };
    worker.onmessageerror = () => {
      this.emit({ type: 'error', runId: this.runId, message: 'A message from the training worker could not be read.' });
    };
    this.worker = worker;
    return worker;
  }

  /** Rejects every data load and inspection still waiting for the worker. */
  private failPending(message: string): void {
    for (const pending of [...this.loads.values(), ...this.inspections.values(), ...this.forests.values()]) pending.reject(new Error(message));
    this.loads.clear();
    this.inspections.clear();
    this.forests.clear();
  }

  /** Settles the request a data or inspect answer belongs to. */
  private answer(event: DataEvent): void {
    if (event.type === 'backend-choice') {
      for (const listener of this.choiceListeners) listener(event.choice);
      return;
    }
    if (event.type === 'forest-progress' || event.type === 'forest-result' || event.type === 'forest-error') {
      const pending = this.forests.get(event.requestId);
      if (event.type === 'forest-progress') return pending?.onProgress(event.fraction);
      this.forests.delete(event.requestId);
      if (event.type === 'forest-result') pending?.resolve(event.result);
      else pending?.reject(new Error(event.message));
      return;
    }
    if (event.type === 'inspect-result' || event.type === 'inspect-error') {
      const pending = this.inspections.get(event.requestId);
      this.inspections.delete(event.requestId);
      if (event.type === 'inspect-result') pending?.resolve(event.result);
      else pending?.reject(new Error(event.message));
      return;
    }
    const load = this.loads.get(event.requestId);
    if (!load) return;
    if (event.type === 'data-progress') return load.onProgress(event.phase, event.fraction);
    this.loads.delete(event.requestId);
    if (event.type === 'data-ready') load.resolve(event.summary);
    else load.reject(new Error(event.message));
  }

  private emit(event: TrainingEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

// Entry point of the training worker: a thin, exhaustive switch over the
// shared protocol. One run at a time; messages for other runs are ignored.
import { errorMessage } from '../lib/assert';
import { loadSource, resolveData } from './dataSources';
import { isToWorker, PROTOCOL_VERSION, type DataEvent, type FromWorker, type ToWorker } from './protocol';
import { inspect } from './inspect';
import { backendIdle, warmUpBackend } from './prepare';
import { TrainingSession } from './session';
import { trainForest } from './forest';
import { applyOverfittingKnobs } from '../data/subset';
import { capSplit } from '../data/split';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let current: { runId: number; session: TrainingSession } | null = null;
/** The latest session, running or finished: its model answers inspect requests. */
let latest: TrainingSession | null = null;

function post(message: FromWorker | DataEvent): void {
  scope.postMessage(message);
}

/** Progress at most this often, so a fast parse does not flood the page. */
const DATA_PROGRESS_MS = 100;

/** Data loads in progress: a warm-up measuring backends gives way to them. */
let loadsInFlight = 0;

function loadData(message: ToWorker & { type: 'load-data' }): void {
  const { requestId } = message;
  loadsInFlight++;
  let last = 0;
  loadSource(message.source, message.baseUrl, (phase, fraction) => {
    const now = performance.now();
    if (now - last < DATA_PROGRESS_MS && fraction !== 1) return;
    last = now;
    post({ type: 'data-progress', requestId, phase, fraction });
  }, message.testHooks?.onlineDataBase)
    .then((summary) => post({ type: 'data-ready', requestId, summary }))
    .catch((error: unknown) => post({ type: 'data-error', requestId, message: errorMessage(error) }))
    .finally(() => loadsInFlight--);
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'start': {
      current?.session.control.stop();
      if (message.version !== PROTOCOL_VERSION) {
        post({ type: 'error', runId: message.runId, message: `Protocol mismatch: page ${message.version}, worker ${PROTOCOL_VERSION}. Reload the page.` });
        return;
      }
      if (message.testHooks?.crashWorker) throw new Error('Simulated worker crash (test hook)');
      if (message.testHooks?.silentDeath) {
        // As the browser does to a worker it kills for memory: no error event, no message, ever again.
        setTimeout(() => scope.close(), 1500);
      }
      latest?.dispose();
      const session = new TrainingSession({ ...message, post });
      if (message.startPaused) session.control.step();
      latest = session;
      const run = { runId: message.runId, session };
      current = run;
      beat?.(message.runId);
      session
        .run()
        .catch((error: unknown) => post({ type: 'error', runId: message.runId, message: errorMessage(error) }))
        .finally(() => {
          if (current !== run) return;
          current = null;
          beat?.(null);
        });
      return;
    }
    case 'preload': {
      if (message.version !== PROTOCOL_VERSION) return;
      // Failures surface when the run starts; a preload only saves time.
      resolveData(message.config, message.baseUrl, message.testHooks?.onlineDataBase)
        // Measuring backends gives way, within one timing window, to a run or a data load.
        .then(({ dataset }) => warmUpBackend(message.config, dataset, message.testHooks, () => current !== null, () => current !== null || loadsInFlight > 0))
        .then((choice) => {
          if (choice) post({ type: 'backend-choice', requestId: 0, choice });
        })
        .catch(() => undefined);
      return;
    }
    case 'load-data':
      loadData(message);
      return;
    case 'forest': {
      const { requestId, config, baseUrl, testHooks, trees } = message;
      resolveData(config, baseUrl, testHooks?.onlineDataBase)
        .then((resolved) => {
          // The same data the network trains on: the overfitting lab's share and label noise, and the test caps.
          const data = applyOverfittingKnobs(resolved.dataset, resolved.split, config.trainFraction, config.labelNoise, config.seed);
          const split = capSplit(data.split, testHooks?.maxTrainSamples, testHooks?.maxValidationSamples);
          return trainForest(data.dataset, split, config.seed, trees, (fraction) => post({ type: 'forest-progress', requestId, fraction }));
        })
        .then((result) => post({ type: 'forest-result', requestId, result }))
        .catch((error: unknown) => post({ type: 'forest-error', requestId, message: errorMessage(error) }));
      return;
    }
    case 'inspect': {
      const session = latest;
      // A warm-up or auto's timing may be switching tfjs's backend: ask the model once that work has ended.
      backendIdle()
        .then(() => session?.settled())
        .then(() => {
          const target = session?.inspectable();
          if (!target) throw new Error('Train a model first.');
          return inspect(target, message.query);
        })
        .then((result) => post({ type: 'inspect-result', requestId: message.requestId, result }))
        .catch((error: unknown) => post({ type: 'inspect-error', requestId: message.requestId, message: errorMessage(error) }));
      return;
    }
    case 'pause':
    case 'resume':
    case 'step':
    case 'stop':
    case 'set-pace':
    case 'set-learning-rate': {
      if (!current || current.runId !== message.runId) return;
      const control = current.session.control;
      if (message.type === 'set-learning-rate') control.setLearningRate(message.learningRate);
      else if (message.type === 'set-pace') control.setPace(message.epochsPerSecond);
      else if (message.type === 'pause') control.pause();
      else if (message.type === 'step') control.step();
      else if (message.type === 'stop') control.stop();
      else {
        control.resume();
        post({ type: 'resumed', runId: message.runId });
      }
      return;
    }
  }
}

/** While a run exists, a heartbeat every HEARTBEAT_MS tells the page the worker is alive. */
const HEARTBEAT_MS = 2_000;
setInterval(() => {
  if (current) post({ type: 'heartbeat', runId: current.runId });
}, HEARTBEAT_MS);

/**
 * The same heartbeat from a thread of its own (train/heartbeat.ts), straight
 * to the page over a MessageChannel: a single step that blocks this thread
 * for longer than the page's liveness limit no longer reads as a dead worker.
 */
const beat = (() => {
  try {
    if (typeof Worker === 'undefined' || typeof MessageChannel === 'undefined') return null;
    const thread = new Worker(new URL('./heartbeat.ts', import.meta.url), { type: 'module', name: 'heartbeat' });
    const channel = new MessageChannel();
    thread.postMessage({ port: channel.port1 }, [channel.port1]);
    scope.postMessage({ type: 'heartbeat-port' }, [channel.port2]);
    return (runId: number | null) => thread.postMessage({ runId });
  } catch {
    return null;
  }
})();

scope.onmessage = (event: MessageEvent<unknown>) => {
  if (isToWorker(event.data)) handle(event.data);
};

scope.onunhandledrejection = (event: PromiseRejectionEvent) => {
  if (current) post({ type: 'error', runId: current.runId, message: errorMessage(event.reason) });
};

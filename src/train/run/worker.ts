// Entry point of the training worker: a thin, exhaustive switch over the
// shared protocol. One run at a time; messages for other runs are ignored.
import { loadSource, resolveData, trainingData } from '../data/dataSources';
import {
  isToWorker,
  PROTOCOL_VERSION,
  type DataEvent,
  type FromWorker,
  type RequestKind,
  type RequestOf,
  type Requests,
  type ToWorker,
  type WorkerRequest,
} from '../protocol';
import { inspect, type Inspectable } from '../insight/inspect';
import { exportArtifacts } from '../export/modelArtifacts';
import { exportData } from '../export/exportData';
import { expandModelFiles } from '../data/modelFiles';
import { backendIdle, prepareRunBackend, warmUpBackend } from '../backends/prepare';
import { findLearningRate } from '../insight/lrFinder';
import { TrainingSession } from './session';
import { describeFailure } from './failure';
import { trainForest } from '../insight/forest';
import { installFetchGuard } from '../data/fetchGuard';

const scope = self as unknown as DedicatedWorkerGlobalScope;
installFetchGuard(scope);
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

/** The latest run's model and data, once no backend work is in flight. */
async function inspectable(): Promise<Inspectable> {
  const session = latest;
  // A warm-up or auto's timing may be switching tfjs's backend: ask the model once that work has ended.
  await backendIdle();
  await session?.settled();
  const target = session?.inspectable();
  if (!target) throw new Error('Train a model first.');
  return target;
}

/** How the worker answers each request: its work, given the message and a progress callback. */
const answers: {
  [K in RequestKind]: (message: RequestOf<K>, progress: (progress: Requests[K]['progress']) => void) => Promise<Requests[K]['answer']>;
} = {
  'load-data': async (message, progress) => {
    loadsInFlight++;
    let last = 0;
    try {
      return await loadSource(
        message.ask,
        message.baseUrl,
        (phase, fraction) => {
          const now = performance.now();
          if (now - last < DATA_PROGRESS_MS && fraction !== 1) return;
          last = now;
          progress({ phase, fraction });
        },
        message.testHooks?.onlineDataBase,
      );
    } finally {
      loadsInFlight--;
    }
  },
  forest: async (message, progress) => {
    const { ask, baseUrl, testHooks } = message;
    // The same data the network trains on.
    const { dataset, split } = await trainingData(ask.config, baseUrl, testHooks);
    return trainForest(dataset, split, ask.config.seed, ask.trees, (fraction) => progress({ fraction }));
  },
  'lr-finder': async (message, progress) => {
    const { ask, baseUrl, testHooks } = message;
    const { dataset, split } = await trainingData(ask.config, baseUrl, testHooks);
    // The backend a run of this model would start on; no other work runs on it meanwhile.
    await backendIdle();
    const choice = await prepareRunBackend(ask.config, dataset, testHooks);
    return findLearningRate(ask.config, dataset, split, choice.backend, ask, (fraction) => progress({ fraction }));
  },
  inspect: async (message) => inspect(await inspectable(), message.ask),
  'model-files': (message) => expandModelFiles(message.ask),
  export: async (message) => {
    const target = await inspectable();
    return { artifacts: await exportArtifacts(target.model), data: exportData(target.dataset, target.split, message.ask.table) };
  },
};

/** Does a request's work and posts its progress, then its answer or its error. */
function answer<K extends RequestKind>(message: RequestOf<K>): void {
  const { requestId, kind } = message;
  if (message.version !== PROTOCOL_VERSION) {
    post({
      type: 'reply-error',
      requestId,
      message: `Protocol mismatch: page ${message.version}, worker ${PROTOCOL_VERSION}. Reload the page.`,
    });
    return;
  }
  const work = answers[kind] as (
    message: RequestOf<K>,
    progress: (progress: Requests[K]['progress']) => void,
  ) => Promise<Requests[K]['answer']>;
  work(message, (progress) => post({ type: 'reply-progress', requestId, kind, progress } as DataEvent))
    .then((result) => post({ type: 'reply', requestId, kind, answer: result } as DataEvent))
    .catch((error: unknown) => post({ type: 'reply-error', requestId, message: describeFailure(error).message }));
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'start': {
      current?.session.control.stop();
      if (message.version !== PROTOCOL_VERSION) {
        post({
          type: 'error',
          runId: message.runId,
          message: `Protocol mismatch: page ${message.version}, worker ${PROTOCOL_VERSION}. Reload the page.`,
        });
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
        .catch((error: unknown) => post({ type: 'error', runId: message.runId, ...describeFailure(error) }))
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
        .then(({ dataset }) =>
          warmUpBackend(
            message.config,
            dataset,
            message.testHooks,
            () => current !== null,
            () => current !== null || loadsInFlight > 0,
          ),
        )
        .then((choice) => {
          if (choice) post({ type: 'backend-choice', requestId: 0, choice });
        })
        .catch(() => undefined);
      return;
    }
    case 'request':
      answer(message as WorkerRequest);
      return;
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
  if (current) post({ type: 'error', runId: current.runId, ...describeFailure(event.reason) });
};

// Entry point of the training worker: a thin, exhaustive switch over the
// shared protocol. One run at a time; messages for other runs are ignored.
import { errorMessage } from '../lib/assert';
import { isToWorker, PROTOCOL_VERSION, type FromWorker, type ToWorker } from './protocol';
import { loadDataset, prepareBackend } from './prepare';
import { TrainingSession } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let current: { runId: number; session: TrainingSession } | null = null;

function post(message: FromWorker): void {
  scope.postMessage(message);
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
      const session = new TrainingSession({ ...message, post });
      const run = { runId: message.runId, session };
      current = run;
      session
        .run()
        .catch((error: unknown) => post({ type: 'error', runId: message.runId, message: errorMessage(error) }))
        .finally(() => {
          if (current === run) current = null;
        });
      return;
    }
    case 'preload': {
      if (message.version !== PROTOCOL_VERSION) return;
      // Failures surface when the run starts; a preload only saves time.
      loadDataset(message.config, message.baseUrl)
        .then((dataset) => (current ? undefined : prepareBackend(message.config, dataset, message.testHooks)))
        .catch(() => undefined);
      return;
    }
    case 'pause':
    case 'resume':
    case 'step':
    case 'stop':
    case 'set-learning-rate': {
      if (!current || current.runId !== message.runId) return;
      const control = current.session.control;
      if (message.type === 'set-learning-rate') control.setLearningRate(message.learningRate);
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

scope.onmessage = (event: MessageEvent<unknown>) => {
  if (isToWorker(event.data)) handle(event.data);
};

scope.onunhandledrejection = (event: PromiseRejectionEvent) => {
  if (current) post({ type: 'error', runId: current.runId, message: errorMessage(event.reason) });
};

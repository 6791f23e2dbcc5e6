// Exposes `runEngine(request)` to the bench driver: runs bench/engineWorker.ts in a fresh worker.
import type { EngineRequest, EngineResult } from './engineWorker';

declare global {
  interface Window {
    runEngine(request: EngineRequest): Promise<EngineResult>;
  }
}

window.runEngine = (request) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<EngineResult>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage(request);
  });

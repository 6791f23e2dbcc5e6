// Exposes `runFit(options)` to the bench driver: runs bench/fitWorker.ts and
// resolves with its figures.
import type { FitRequest, FitResult } from './fitWorker';

declare global {
  interface Window {
    runFit(request: FitRequest): Promise<FitResult>;
  }
}

window.runFit = (request) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fitWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<FitResult>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage(request);
  });

// Exposes `runFit(options)` to the bench driver: runs bench/fitWorker.ts and
// resolves with its figures.
import type { FitRequest, FitResult } from './fitWorker';
import { runWorker } from './workerPage';

declare global {
  interface Window {
    runFit(request: FitRequest): Promise<FitResult>;
  }
}

window.runFit = (request) => runWorker(() => new Worker(new URL('./fitWorker.ts', import.meta.url), { type: 'module' }), request);

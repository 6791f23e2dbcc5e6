// Exposes `runEngine(request)` to the bench driver: runs bench/engineWorker.ts in a fresh worker.
import type { EngineRequest, EngineResult } from './engineWorker';
import { runWorker } from './workerPage';

declare global {
  interface Window {
    runEngine(request: EngineRequest): Promise<EngineResult>;
  }
}

window.runEngine = (request) => runWorker(() => new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module' }), request);

// Exposes the time-to-accuracy race to the bench driver: each contestant runs
// in a fresh worker (ours: bench/accuracyWorker.ts; the peers: bench/peersWorker.ts), and the
// single experiments of the imbalance and folds tables (bench/experimentWorker.ts).
import type { RaceResult } from './accuracyData';
import type { OursRequest } from './accuracyWorker';
import type { ExperimentRequest, ExperimentResult } from './experimentWorker';
import type { PeerRequest } from './peersWorker';
import type { TransferRequest, TransferResult } from './transferWorker';
import { runWorker } from './workerPage';

declare global {
  interface Window {
    runOurs(request: OursRequest): Promise<RaceResult>;
    runPeer(request: PeerRequest): Promise<RaceResult>;
    runExperiment(request: ExperimentRequest): Promise<ExperimentResult>;
    runTransfer(request: TransferRequest): Promise<TransferResult>;
  }
}

window.runOurs = (request) => runWorker(() => new Worker(new URL('./accuracyWorker.ts', import.meta.url), { type: 'module' }), request);
window.runPeer = (request) => runWorker(() => new Worker(new URL('./peersWorker.ts', import.meta.url), { type: 'module' }), request);
window.runExperiment = (request) =>
  runWorker(() => new Worker(new URL('./experimentWorker.ts', import.meta.url), { type: 'module' }), request);
window.runTransfer = (request) => runWorker(() => new Worker(new URL('./transferWorker.ts', import.meta.url), { type: 'module' }), request);

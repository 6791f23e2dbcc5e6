// Options only the automated tests set: read from the page URL's `e2e.*`
// keys in test builds (state/testHooks.ts), sent with each run and request.
import type { BackendName } from '../config/experiment';

/** Options only automated tests set (read from the page URL's `e2e.*` keys). */
export interface TestHooks {
  /** Backends that pretend to fail at start, to exercise the fallback. */
  failBackends?: BackendName[];
  /** Cap on training samples (tests train a few batches, not whole epochs). */
  maxTrainSamples?: number;
  maxValidationSamples?: number;
  /** Make the loss NaN from this global step on. */
  nanAtStep?: number;
  /**
   * Fail this global step with WebAssembly's raw abort text, as a WASM
   * out-of-memory does. Once per page: the page drops it when it replaces
   * the worker, so the next run shows whether the restart left WASM clean.
   */
  abortAtStep?: number;
  /** Throw an uncaught error in the worker when a run starts. */
  crashWorker?: boolean;
  /** Close the worker silently (no error event) once the run has started: a worker killed for memory. */
  silentDeath?: boolean;
  /** Bench only: no network picture, to measure what drawing it costs training. */
  noPicture?: boolean;
  /** WASM's thread count in place of the device's (the test machine has 2 cores, which get 1). */
  wasmThreads?: number;
  /** Make WASM's threads fail as they start, to exercise the fall back to one thread. */
  breakWasmThreads?: boolean;
  /** Page side: declare a silent worker dead after this long instead of 15 s. */
  livenessMs?: number;
  /** Block the worker's thread this long, synchronously, after the second batch: one very slow step. */
  blockStepMs?: number;
  /** Where to download the full MNIST / Fashion-MNIST files from instead of the public address. */
  onlineDataBase?: string;
}

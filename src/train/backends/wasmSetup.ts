// Starting tfjs's WASM backend: where its files are, and whether it computes
// on threads (a cross-origin isolated page on a device with cores to spare),
// falling back to one thread when they fail to start.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { wasmThreadsNote, wasmThreadTarget } from '../../config/wasmThreads';
import { errorMessage } from '../../lib/assert';
import type { TestHooks } from '../protocol';
import { registerWasmConvGrads } from './wasmConvGrad';
import { registerWasmMatMul } from './wasmMatMul';

/**
 * Whether WebAssembly may run threads here: they share memory through a
 * SharedArrayBuffer, which browsers give only to a cross-origin isolated page
 * (one served with COOP same-origin and COEP require-corp, see deploy/).
 */
export function wasmThreadsAllowed(): boolean {
  return Boolean(globalThis.crossOriginIsolated) && typeof SharedArrayBuffer !== 'undefined';
}

let pathsSet = false;

/** Points tfjs at the .wasm files Vite emitted (no CDN is assumed) and chooses the threaded build or the single-threaded one. */
function prepareWasm(threaded: boolean): void {
  if (!pathsSet) {
    pathsSet = true;
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    });
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threaded);
}

/**
 * Rejects when a WASM thread's worker fails. The thread's error reaches this
 * worker twice (passed up from the thread, and rethrown by emscripten), and
 * would end it as a crash; here both are handled (other errors pass), and the
 * start falls back to one thread.
 */
function watchThreads(): { failed: Promise<never>; stop: () => void } {
  let reject: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, fail) => {
    reject = fail;
  });
  failed.catch(() => undefined);
  const onError = (event: ErrorEvent) => {
    // A thread's own error, passed up from its worker (whose script is a
    // blob: address), or emscripten's rethrow of that error event.
    const rethrown = event.error instanceof ErrorEvent ? event.error : null;
    if (!rethrown && !event.filename?.startsWith('blob:')) return;
    event.preventDefault();
    reject(new Error(`a thread failed: ${(rethrown ?? event).message || 'no message'}`));
  };
  // A host's Content-Security-Policy that forbids blob: workers stops the threads without an error event.
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    if (event.blockedURI.startsWith('blob'))
      reject(new Error(`the page's Content-Security-Policy blocks them (${event.effectiveDirective}); see the README`));
  };
  globalThis.addEventListener('error', onError);
  globalThis.addEventListener('securitypolicyviolation', onViolation);
  return {
    failed,
    stop: () => {
      globalThis.removeEventListener('error', onError);
      globalThis.removeEventListener('securitypolicyviolation', onViolation);
    },
  };
}

/** Tests only: this worker reports 2 x `threads` cores, so that tfjs (which takes half of them) runs `threads` threads on the 2-core test machine. */
function pretendCores(threads: number): void {
  Object.defineProperty(globalThis.navigator, 'hardwareConcurrency', { value: threads * 2, configurable: true });
}

/** Tests only: WASM's thread workers throw as they load, as they did when their script was bundled. */
function breakThreadWorkers(): void {
  const broken = URL.createObjectURL(
    new Blob(['self.onmessage = () => { throw new Error("this thread was broken for a test"); };'], { type: 'text/javascript' }),
  );
  const Real = globalThis.Worker;
  globalThis.Worker = class extends Real {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(String(url).startsWith('blob:') ? broken : url, options);
    }
  };
}

/** Set once WASM's threads failed to start here: from then on it starts on one thread. */
let threadsFailed: string | null = null;

/**
 * Starts WASM through `setBackend` (tf.setBackend with a time limit): on
 * threads where the page is isolated and the device has cores to spare, else
 * (and when the threads fail to start) on one thread. The threads' script
 * works bundled because of deploy/wasmThreads.ts.
 */
export async function startWasm(setBackend: () => Promise<void>, testHooks?: TestHooks): Promise<void> {
  if (testHooks?.wasmThreads) pretendCores(testHooks.wasmThreads);
  const threaded = wasmThreadsAllowed() && threadsFailed === null && wasmThreadTarget(globalThis.navigator?.hardwareConcurrency ?? 1) >= 2;
  prepareWasm(threaded);
  if (!threaded) {
    await setBackend();
  } else {
    if (testHooks?.breakWasmThreads) breakThreadWorkers();
    const watch = watchThreads();
    try {
      await Promise.race([setBackend(), watch.failed]);
      watch.stop();
    } catch (error) {
      // The watch stays: the abandoned build's other threads may fail later.
      threadsFailed = errorMessage(error);
      console.warn(`WebAssembly threads did not start (${threadsFailed}); starting on one thread.`);
      prepareWasm(false);
      await setBackend();
    }
  }
  registerWasmConvGrads();
  registerWasmMatMul();
}

/** How many threads the started WASM backend computes on (1 without threads), or null before it started. */
export function wasmThreadCount(): number | null {
  try {
    return getThreadsCount();
  } catch {
    return null;
  }
}

/** How many threads WASM computes on and why, in words, once it started (else null). */
export function startedWasmThreadsNote(): string | null {
  const threads = wasmThreadCount();
  if (threads === null) return null;
  return wasmThreadsNote({
    isolated: wasmThreadsAllowed(),
    cores: globalThis.navigator?.hardwareConcurrency ?? 1,
    threads,
    failed: threadsFailed,
  });
}

// How many threads WASM computes on, and why, as plain rules: the worker
// applies them and the page describes them before WASM has run (no tfjs here).

/**
 * How many threads WASM computes on with `cores` logical cores. This is
 * tfjs-backend-wasm's own rule, which it enforces: half of them (many are
 * hyper-threads), at most 8, which leaves the rest to the page and the GPU
 * process. Below 2 the single-threaded build is used: the threaded one on a
 * single thread measured 10-25 % slower on a 2-core machine and starts 8
 * idle workers.
 */
export function wasmThreadTarget(cores: number): number {
  return Math.max(1, Math.min(8, Math.floor(cores / 2)));
}

/** What decides WASM's threads here; `threads` null before WASM started, `failed` why they did not start, if they failed. */
export interface WasmThreadsState {
  isolated: boolean;
  cores: number;
  threads: number | null;
  failed: string | null;
}

/** How many threads WASM computes on (or will) and why, in words: for the worker once WASM ran, and for the page before. */
export function wasmThreadsNote({ isolated, cores, threads, failed }: WasmThreadsState): string {
  if (threads !== null && threads > 1) return `WebAssembly computes on ${threads} threads (this page is cross-origin isolated).`;
  if (failed !== null) return `WebAssembly computes on one thread: its threads failed to start (${failed}).`;
  if (!isolated) {
    return 'WebAssembly runs on one thread here: threads need a cross-origin isolated page, and this server does not send the COOP and COEP headers (see the README).';
  }
  const target = wasmThreadTarget(cores);
  if (target < 2)
    return `WebAssembly computes on one thread: tfjs gives threads half the cores, so they start from 4, and this device has ${cores}.`;
  return threads === null
    ? `WebAssembly will compute on ${target} threads (this page is cross-origin isolated).`
    : 'WebAssembly computes on one thread.';
}

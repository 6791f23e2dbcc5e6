// What the WASM kernels of our own (wasmConvGrad.ts, wasmMatMul.ts) share:
// calling WASM's kernels directly, freeing the intermediate results in WASM
// memory, and putting a kernel of ours in place of one of WASM's, once.
import * as tf from '@tensorflow/tfjs';

export type KernelArgs = { inputs: Record<string, tf.TensorInfo>; backend: unknown; attrs?: Record<string, unknown> };
export type KernelFunc = (args: KernelArgs) => tf.TensorInfo;

/** WASM's own kernel `name`, to call with tensors already on WASM. */
export function wasmKernel(name: string): KernelFunc {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`the WASM backend has no ${name} kernel`);
  return config.kernelFunc as unknown as KernelFunc;
}

/**
 * Runs `compose` with a `keep` that marks intermediate results, and frees
 * them in WASM memory when it returns or throws (the result is not kept).
 */
export function withTemporaries(args: KernelArgs, compose: (keep: (t: tf.TensorInfo) => tf.TensorInfo) => tf.TensorInfo): tf.TensorInfo {
  const backend = args.backend as { disposeData(dataId: object): boolean };
  const temporaries: tf.TensorInfo[] = [];
  try {
    return compose((t) => (temporaries.push(t), t));
  } finally {
    for (const t of temporaries) backend.disposeData(t.dataId);
  }
}

const ours = new WeakSet<object>();

/** Puts `wrap(WASM's own kernel)` in place of WASM's kernel `name` (once; later calls, and a backend without it, do nothing). */
export function replaceWasmKernel(name: string, wrap: (original: KernelFunc) => KernelFunc): void {
  const own = tf.getKernel(name, 'wasm');
  if (!own || ours.has(own.kernelFunc)) return;
  const kernelFunc = wrap(own.kernelFunc as unknown as KernelFunc) as unknown as tf.KernelFunc;
  ours.add(kernelFunc);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...own, kernelFunc });
}

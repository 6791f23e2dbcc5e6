// tfjs's WASM backend under Node for a test file: its files from node_modules
// (the app's are Vite asset addresses), one thread, our kernels registered.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll } from 'vitest';

export const NODE_WASM_FILES = `${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`;

/** Starts WASM before the file's tests and calls `register`; goes back to the CPU backend after them. */
export function withNodeWasm(register: () => void): void {
  setWasmPaths(NODE_WASM_FILES);
  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await tf.setBackend('wasm');
    register();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
}

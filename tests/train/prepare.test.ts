import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { prepareBackend } from '../../src/train/prepare';
import { blobs } from './fixtures';

// Under Node the .wasm files are read from node_modules, not from Vite's emitted URLs.
// Under Node, WASM loads its files from node_modules (the app's are Vite asset addresses), on one thread.
vi.mock('../../src/train/wasmSetup', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/train/wasmSetup')>()),
  startWasm: async (setBackend: () => Promise<void>) => {
    setWasmPaths((await import('./nodeWasm')).NODE_WASM_FILES);
    await setBackend();
  },
}));

const config = (backend: 'cpu' | 'wasm') => ({ ...defaultConfig(), backend, layers: [{ kind: 'dense' as const, units: 4, activation: 'relu' as const }], batchSize: 8 });

describe('backend preparation', () => {
  it('runs one call at a time, so a slow warm-up cannot switch the backend under a later run', async () => {
    const dataset = blobs(30, 1);
    // A warm-up for WASM (slow: it loads the module) and, right after, a run on the CPU.
    const warmUp = prepareBackend(config('wasm'), dataset, undefined, () => false);
    const run = prepareBackend(config('cpu'), dataset);
    const [warmed, ran] = await Promise.all([warmUp, run]);
    expect(warmed?.backend).toBe('wasm');
    expect(ran?.backend).toBe('cpu');
    // The run came last, so its backend is the one in force.
    expect(tf.getBackend()).toBe('cpu');
  });

  it('skips a warm-up whose turn comes after a run started', async () => {
    const dataset = blobs(30, 1);
    let runStarted = false;
    const run = prepareBackend(config('cpu'), dataset).then((s) => ((runStarted = true), s));
    const warmUp = prepareBackend(config('wasm'), dataset, undefined, () => runStarted);
    expect((await run)?.backend).toBe('cpu');
    expect(await warmUp).toBeNull();
    expect(tf.getBackend()).toBe('cpu');
  });
});

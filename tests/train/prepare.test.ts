import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { presetLayers } from '../../src/model/presets';
import { guessOrder, measureDuringRun, prepareRunBackend, warmUpBackend } from '../../src/train/backends/prepare';
import { blobs } from './fixtures';

// Under Node, WASM loads its files from node_modules (the app's are Vite asset addresses), on one thread.
vi.mock('../../src/train/backends/wasmSetup', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/train/backends/wasmSetup')>()),
  startWasm: async (setBackend: () => Promise<void>) => {
    setWasmPaths((await import('./nodeWasm')).NODE_WASM_FILES);
    await setBackend();
  },
}));

const config = (backend: 'cpu' | 'wasm' | 'auto', units = 4) => ({
  ...defaultConfig(),
  backend,
  layers: [{ kind: 'dense' as const, units, activation: 'relu' as const }],
  batchSize: 8,
});

describe('backend preparation', () => {
  it('runs one call at a time, so a warm-up cannot switch the backend under a later run', async () => {
    const dataset = blobs(30, 1);
    const warmUp = warmUpBackend(
      config('wasm'),
      dataset,
      undefined,
      () => false,
      () => false,
    );
    const run = prepareRunBackend(config('cpu'), dataset);
    const [warmed, ran] = await Promise.all([warmUp, run]);
    expect(warmed?.backend).toBe('wasm');
    expect(ran.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('skips a warm-up whose turn comes after a run started', async () => {
    const dataset = blobs(30, 1);
    let runStarted = false;
    const run = prepareRunBackend(config('cpu'), dataset).then((s) => ((runStarted = true), s));
    const warmUp = warmUpBackend(
      config('wasm'),
      dataset,
      undefined,
      () => runStarted,
      () => false,
    );
    expect((await run).backend).toBe('cpu');
    expect(await warmUp).toBeNull();
  });

  it('a run on auto never waits for a warm-up measuring: it gives way within a timing window', async () => {
    const dataset = blobs(600, 1);
    const wide = (units: number) => ({
      ...config('auto'),
      layers: [
        { kind: 'dense' as const, units, activation: 'relu' as const },
        { kind: 'dense' as const, units, activation: 'relu' as const },
      ],
    });
    // How long a whole warm-up of the quick backends takes on a model of this size, left alone.
    const alone = performance.now();
    expect(
      await warmUpBackend(
        wide(255),
        dataset,
        undefined,
        () => false,
        () => false,
      ),
    ).not.toBeNull();
    const whole = performance.now() - alone;
    // The same size again (another key, so nothing is remembered), with Train pressed 50 ms in.
    const warmUp = warmUpBackend(
      wide(256),
      dataset,
      undefined,
      () => false,
      () => false,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pressed = performance.now();
    const run = await prepareRunBackend(wide(256), dataset);
    const waited = performance.now() - pressed;
    // The warm-up was cut short (it reports nothing); the run started on a guess and still has everything to time.
    expect(await warmUp).toBeNull();
    expect(run.toMeasure.length).toBeGreaterThan(0);
    expect(run.reason).toMatch(/at once/);
    expect(waited).toBeLessThan(whole / 2);
  });

  it('guesses the fused engine only for tiny dense nets', () => {
    const rows = blobs(10, 1);
    expect(guessOrder({ layers: presetLayers('spiral') }, rows)[0]).toBe('fused');
    const image = { sampleShape: [28, 28, 1], task: 'classification' as const, classes: Array.from({ length: 10 }, String) };
    expect(guessOrder({ layers: presetLayers('overfit') }, image)[0]).toBe('wasm');
    expect(guessOrder({ layers: presetLayers('lenet') }, image)[0]).toBe('wasm');
  });

  it('times every backend during a run by one statistic and leaves the run backend active', async () => {
    const dataset = blobs(60, 1);
    await tf.setBackend('cpu');
    const { speeds, partial } = await measureDuringRun(config('auto'), dataset, 'cpu', undefined, undefined, () => false);
    expect(partial).toBe(false);
    const byName = Object.fromEntries(speeds.map((s) => [s.backend, s]));
    // The fused engine wins a tiny net; a tfjs backend whose step takes many times its step is not timed further, and says so.
    expect(byName.fused.samplesPerSecond).toBeGreaterThan(0);
    for (const name of ['wasm', 'cpu']) {
      const speed = byName[name];
      if (speed.samplesPerSecond === null) expect(speed.reason).toMatch(/one step took \d+ ms, \d+ times Fused's/);
      else expect(speed.samplesPerSecond).toBeLessThan(byName.fused.samplesPerSecond!);
    }
    // Node has no WebGL or WebGPU: they come back with a reason, not a speed.
    expect(byName.webgl.samplesPerSecond).toBeNull();
    expect(byName.webgl.reason).toBeTruthy();
    expect(tf.getBackend()).toBe('cpu');
  });
});

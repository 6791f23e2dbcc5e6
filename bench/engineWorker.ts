// Engine-level figures for `npm run bench`, in a worker like the app's:
// samples/s of the app's own training loop on each backend for one model,
// what auto chooses for it (the app's own measureDuringRun), the fused
// engine's raw step rate, and ConvNetJS on the same data for comparison.
import { convnetjsDemo } from './autoEngine';
import { defaultConfig, type BackendName, type ExperimentConfig } from '../src/config/experiment';
import { defaultOptimizerParams } from '../src/config/optimizerParams';
import type { Dataset } from '../src/data/dataset';
import { loadBundledMnist } from '../src/data/mnist';
import { stratifiedSplit } from '../src/data/split';
import { generateSynthetic } from '../src/data/synthetic';
import { presetLayers, type PresetName } from '../src/model/presets';
import type { LayerSpec } from '../src/model/spec';
import { activateBackend } from '../src/train/backends/backend';
import { RunControl } from '../src/train/run/control';
import { buildEngine } from '../src/train/engines/build';
import type { FusedEngine } from '../src/train/engines/fused/engine';
import { gatherBatch } from '../src/train/engines/hostBatch';
import { trainModel } from '../src/train/run/loop';
import { measureDuringRun } from '../src/train/backends/prepare';
import { explain, fastest } from '../src/train/backends/speeds';
import { wasmThreadCount } from '../src/train/backends/wasmSetup';
import { requiredKernels } from '../src/model/spec';

export interface EngineRequest {
  kind: 'backends' | 'fused-raw' | 'convnetjs';
  data: 'mnist' | 'mnist24' | 'spiral';
  /** The app's preset, or layers of the bench's own (the spiral net, ConvNetJS's net). */
  preset?: PresetName;
  layers?: LayerSpec[];
  optimizer: ExperimentConfig['optimizer'];
  learningRate: number;
  batchSize: number;
  backends: BackendName[];
  durationMs: number;
  baseUrl: string;
  /** WASM's thread count in place of the device's (tfjs gives a 2-core machine one). */
  wasmThreads?: number;
  /** Time the backends only, without auto's choice. */
  noAuto?: boolean;
}

export interface EngineResult {
  speeds: Record<string, number | string>;
  auto?: string;
  autoReason?: string;
  /** The threads WASM computed on, when it ran. */
  wasmThreads?: number | null;
}

async function dataset(request: EngineRequest): Promise<Dataset> {
  if (request.data === 'spiral') return generateSynthetic({ shape: 'spiral', count: 500, noise: 0, seed: 42 });
  const mnist = await loadBundledMnist(request.baseUrl);
  if (request.data === 'mnist') return mnist;
  // ConvNetJS's demo net takes 24x24 crops: the centre crop of each digit.
  const x = new Uint8Array(mnist.count * 24 * 24);
  for (let i = 0; i < mnist.count; i++) {
    for (let r = 0; r < 24; r++) x.set(mnist.x.subarray(i * 784 + (r + 2) * 28 + 2, i * 784 + (r + 2) * 28 + 26), (i * 24 + r) * 24);
  }
  return { ...mnist, x, sampleShape: [24, 24, 1] };
}

function config(request: EngineRequest): ExperimentConfig {
  const layers = request.preset ? presetLayers(request.preset) : (request.layers ?? []);
  // The spiral keeps TensorFlow Playground's 50 % training ratio (250 points); MNIST models keep the app's default split,
  // so auto (which counts each epoch's validation at the run's split) weighs validation as a default run does.
  const validationSplit = request.data === 'spiral' ? 0.5 : defaultConfig().validationSplit;
  return {
    ...defaultConfig(),
    layers,
    optimizer: request.optimizer,
    optimizerParams: defaultOptimizerParams(request.optimizer),
    learningRate: request.learningRate,
    batchSize: request.batchSize,
    validationSplit,
  };
}

/** Samples/s of the app's loop (trainModel) on `backend`, after a short warm-up. */
async function loopSpeed(
  backend: BackendName,
  cfg: ExperimentConfig,
  data: Dataset,
  durationMs: number,
  wasmThreads?: number,
): Promise<number> {
  await activateBackend(backend, [...new Set(cfg.layers.flatMap((l) => requiredKernels(l.kind)))], true, { wasmThreads });
  const split = stratifiedSplit(data.y, cfg.validationSplit, 42);
  const built = await buildEngine(backend, cfg, data, split.train);
  const control = new RunControl();
  let samples = 0;
  let start = 0;
  let end = 0;
  const warmUpMs = Math.min(1500, durationMs / 4);
  const t0 = performance.now();
  try {
    await trainModel({
      engine: built.engine,
      dataset: data,
      split: { train: split.train, validation: split.validation.slice(0, 64) },
      batchSize: cfg.batchSize,
      // Enough epochs to outlast the window (the fused engine runs 1,000 spiral epochs in under a second).
      epochs: 1_000_000,
      seed: 42,
      control,
      onBatch: (p) => {
        const now = performance.now();
        if (start === 0 && now - t0 >= warmUpMs) start = now;
        else if (start > 0) samples += p.size;
        if (start > 0 && now - start >= durationMs) {
          end = now;
          control.stop();
        }
      },
      onEpoch: () => undefined,
    });
  } finally {
    built.dispose();
  }
  return (samples * 1000) / Math.max((end || performance.now()) - start, 1);
}

/** The fused engine alone: steps over the data in shuffled order, no loop, no messages. */
async function fusedRaw(cfg: ExperimentConfig, data: Dataset, durationMs: number): Promise<number> {
  await activateBackend('fused', [], true);
  const split = stratifiedSplit(data.y, cfg.validationSplit, 42);
  const built = await buildEngine('fused', cfg, data, split.train);
  const engine = built.engine as FusedEngine;
  const batches = [];
  for (let from = 0; from < split.train.length; from += cfg.batchSize)
    batches.push(gatherBatch(data, split.train, from, Math.min(from + cfg.batchSize, split.train.length)));
  let samples = 0;
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    for (const batch of batches) {
      engine.trainStepNow(batch);
      samples += batch.count;
    }
  }
  const rate = (samples * 1000) / (performance.now() - start);
  built.dispose();
  return rate;
}

/** ConvNetJS's MNIST demo net and trainer (Adadelta, batch 20, l2 decay 0.001), on the same 24x24 digits. */
function convnetSpeed(data: Dataset, durationMs: number): number {
  const { trainer, volume } = convnetjsDemo();
  let samples = 0;
  let start = 0;
  const t0 = performance.now();
  for (let i = 0; ; i = (i + 1) % data.count) {
    for (let k = 0; k < 576; k++) volume.w[k] = data.x[i * 576 + k] / 255;
    trainer.train(volume, data.y[i]);
    const now = performance.now();
    if (start === 0 && now - t0 > 1000) start = now;
    else if (start > 0) samples++;
    if (start > 0 && now - start > durationMs) break;
  }
  return (samples * 1000) / (performance.now() - start);
}

self.onmessage = async (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  const result: EngineResult = { speeds: {} };
  try {
    const data = await dataset(request);
    const cfg = config(request);
    if (request.kind === 'convnetjs') result.speeds.convnetjs = convnetSpeed(data, request.durationMs);
    if (request.kind === 'fused-raw') result.speeds.fused = await fusedRaw(cfg, data, request.durationMs);
    if (request.kind === 'backends') {
      for (const backend of request.backends) {
        try {
          result.speeds[backend] = await loopSpeed(backend, cfg, data, request.durationMs, request.wasmThreads);
        } catch (error) {
          result.speeds[backend] = error instanceof Error ? error.message : String(error);
        }
      }
      result.wasmThreads = wasmThreadCount();
      if (!request.noAuto) {
        // Where a run on auto goes on after its first epoch: every backend timed in interleaved windows.
        const { speeds } = await measureDuringRun({ ...cfg, backend: 'auto' }, data, 'cpu', undefined, undefined, () => false);
        const best = fastest(speeds);
        result.auto = best?.backend;
        result.autoReason = best ? explain(best, speeds, 'interleaved windows') : undefined;
      }
    }
  } catch (error) {
    result.speeds.error = error instanceof Error ? error.message : String(error);
  }
  self.postMessage(result);
};

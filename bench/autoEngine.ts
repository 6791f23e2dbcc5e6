// What the bench's workers share: the backend auto measures for a config
// (the app's own interleaved timing, before any clock starts), activated,
// with the app's engine built on it; and ConvNetJS's MNIST demo net.
import convnetjs from 'convnetjs';
import type { ExperimentConfig } from '../src/config/experiment';
import type { Dataset, Split } from '../src/data/dataset';
import { requiredKernels } from '../src/model/spec';
import { activateBackend } from '../src/train/backends/backend';
import { measureDuringRun } from '../src/train/backends/prepare';
import { fastest } from '../src/train/backends/speeds';
import { buildEngine, type BuiltEngine } from '../src/train/engines/build';
import type { EpochPoint } from '../src/metrics/types';
import type { InitialWeights } from '../src/train/protocol';
import { RunControl } from '../src/train/run/control';
import { trainModel } from '../src/train/run/loop';

export async function autoEngine(
  config: ExperimentConfig,
  dataset: Dataset,
  split: Split,
  start?: { weights: InitialWeights; replaceOutput: boolean },
): Promise<{ backend: string; built: BuiltEngine }> {
  const { speeds } = await measureDuringRun({ ...config, backend: 'auto' }, dataset, 'cpu', undefined, undefined, () => false);
  const backend = fastest(speeds)?.backend ?? 'cpu';
  await activateBackend(backend, [...new Set(config.layers.flatMap((l) => requiredKernels(l.kind)))], true);
  return { backend, built: await buildEngine(backend, config, dataset, split.train, start?.weights, undefined, start?.replaceOutput) };
}

/** Trains `built` for the config's epochs with the app's loop; the last epoch's point and the steps taken. Disposes it. */
export async function trainToEnd(
  built: BuiltEngine,
  dataset: Dataset,
  split: Split,
  config: ExperimentConfig,
): Promise<{ last: EpochPoint | null; steps: number }> {
  let last: EpochPoint | null = null;
  try {
    await trainModel({
      engine: built.engine,
      dataset,
      split,
      batchSize: config.batchSize,
      epochs: config.epochs,
      seed: config.seed,
      control: new RunControl(),
      onBatch: () => undefined,
      onEpoch: (point) => {
        last = point;
      },
    });
  } catch (error) {
    built.dispose();
    throw error;
  }
  const point = last as EpochPoint | null;
  return { last: point, steps: point?.step ?? 0 };
}

/** ConvNetJS's MNIST demo (demo/mnist.html): its net on 24x24 inputs and its trainer (Adadelta, batch 20, l2 decay 0.001). */
export function convnetjsDemo() {
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: 24, out_sy: 24, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 8, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 3, stride: 3 },
    { type: 'softmax', num_classes: 10 },
  ]);
  const trainer = new convnetjs.SGDTrainer(net, { method: 'adadelta', batch_size: 20, l2_decay: 0.001 });
  return { net, trainer, volume: new convnetjs.Vol(24, 24, 1, 0) };
}

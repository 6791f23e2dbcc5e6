// The transfer table of `npm run bench` (section 15): a CNN is trained once
// on the source data (the bundled MNIST digits), then each target run starts
// from it (its output layer replaced: other classes), with its convolutions
// frozen or with every layer training, or from scratch, seeded. The app's
// own data path, engine and loop, on the backend auto measures.
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { defaultOptimizerParams } from '../src/config/optimizerParams';
import { trainingData } from '../src/train/data/dataSources';
import type { InitialWeights } from '../src/train/protocol';
import { autoEngine, trainToEnd } from './autoEngine';

export interface TransferRequest {
  baseUrl: string;
  source: Partial<ExperimentConfig>;
  targets: { config: Partial<ExperimentConfig>; fromSource: boolean }[];
}

export interface TransferResult {
  source: { backend: string; accuracy: number; seconds: number };
  targets: { backend: string; accuracy: number; f1: number; steps: number; trainSamples: number; seconds: number }[];
  error?: string;
}

const full = (partial: Partial<ExperimentConfig>): ExperimentConfig => {
  const optimizer = partial.optimizer ?? defaultConfig().optimizer;
  return { ...defaultConfig(), optimizerParams: defaultOptimizerParams(optimizer), ...partial };
};

self.onmessage = async (event: MessageEvent<TransferRequest>) => {
  const { baseUrl } = event.data;
  const result: TransferResult = { source: { backend: '—', accuracy: 0, seconds: 0 }, targets: [] };
  try {
    const sourceConfig = full(event.data.source);
    const source = await trainingData(sourceConfig, baseUrl);
    let started = performance.now();
    const pre = await autoEngine(sourceConfig, source.dataset, source.split);
    const { last } = await trainToEnd(pre.built, source.dataset, source.split, sourceConfig);
    const shapes = pre.built.model.getWeights().map((w) => w.shape);
    const weights: InitialWeights = (await pre.built.engine.readWeights()).map((values, k) => ({
      shape: shapes[k],
      values: Float32Array.from(values),
    }));
    pre.built.dispose();
    result.source = { backend: pre.backend, accuracy: last?.validation.accuracy ?? 0, seconds: (performance.now() - started) / 1000 };
    for (const target of event.data.targets) {
      const config = full(target.config);
      const { dataset, split } = await trainingData(config, baseUrl);
      started = performance.now();
      const run = await autoEngine(config, dataset, split, target.fromSource ? { weights, replaceOutput: true } : undefined);
      const { last: point, steps } = await trainToEnd(run.built, dataset, split, config);
      run.built.dispose();
      result.targets.push({
        backend: run.backend,
        accuracy: point?.validation.accuracy ?? 0,
        f1: point?.validation.f1 ?? 0,
        steps,
        trainSamples: split.train.length,
        seconds: (performance.now() - started) / 1000,
      });
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  self.postMessage(result);
};

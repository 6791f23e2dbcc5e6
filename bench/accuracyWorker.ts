// Time to accuracy, ours: the app's training loop (trainModel) with the
// app's engine on the backend auto chooses for the recipe (timed before the
// clock starts, as the page's warm-up does), scoring the checked split every
// `checkEvery` training samples until the last target is reached or the
// budget runs out. The clock counts training time: checks are off it.
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { defaultOptimizerParams } from '../src/config/optimizerParams';
import { encodeExperiment } from '../src/share/codec';
import { RunControl } from '../src/train/run/control';
import { trainModel } from '../src/train/run/loop';
import { autoEngine } from './autoEngine';
import { emptyResult, raceData, recordCheck, type RaceData, type RaceResult } from './accuracyData';

export interface OursRequest {
  data: RaceData;
  baseUrl: string;
  targets: number[];
  budgetMs: number;
  checkEvery: number;
  /** The recipe, as fields of the app's experiment (layers, optimizer, rate, batch, epochs, schedule). */
  recipe: Partial<ExperimentConfig>;
  name: string;
}

self.onmessage = async (event: MessageEvent<OursRequest>) => {
  const { data, baseUrl, targets, budgetMs, checkEvery, recipe, name } = event.data;
  const result: RaceResult = emptyResult(name, targets);
  try {
    const { dataset, split } = await raceData(data, baseUrl);
    const optimizer = recipe.optimizer ?? defaultConfig().optimizer;
    const config: ExperimentConfig = { ...defaultConfig(), optimizerParams: defaultOptimizerParams(optimizer), ...recipe };
    if (data === 'mnist') result.link = encodeExperiment(config);
    const { backend, built } = await autoEngine(config, dataset, split);
    result.backend = backend;
    const control = new RunControl();
    const every = Math.max(1, Math.round(checkEvery / config.batchSize));
    // The clock counts training only: a check (the validation split scored, between a batch and its report) is taken off it.
    let checking = 0;
    let lastBatchAt = 0;
    let samples = 0;
    const t0 = performance.now();
    const check = (accuracy: number | undefined) => {
      const now = performance.now();
      checking += now - lastBatchAt;
      const trained = now - t0 - checking;
      result.samples = samples;
      result.elapsedMs = trained;
      if (recordCheck(result, targets, accuracy ?? 0, trained) || trained > budgetMs) control.stop();
    };
    try {
      await trainModel({
        engine: built.engine,
        dataset,
        split,
        batchSize: config.batchSize,
        epochs: config.epochs,
        seed: config.seed,
        control,
        probe: { every, target: Infinity },
        schedule: { settings: config, base: config.learningRate, epochs: config.epochs },
        onBatch: (point) => {
          samples += point.size;
          lastBatchAt = performance.now();
        },
        onProbe: (point) => check(point.validation.accuracy),
        onEpoch: (point) => check(point.validation.accuracy),
      });
    } finally {
      built.dispose();
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  self.postMessage(result);
};

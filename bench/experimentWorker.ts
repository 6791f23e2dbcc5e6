// One experiment for `npm run bench` (the imbalance table, the folds'
// spread): the app's own data path (trainingData, so the knobs and k-fold
// split the data as in the page) and loop, on the backend auto measures.
// It reports the last epoch's validation accuracy and macro F1, the class
// counts and majority-class baseline, and the knob's class's recall and F1.
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { defaultOptimizerParams } from '../src/config/optimizerParams';
import { classCounts, majorityBaseline } from '../src/data/imbalance';
import { perClassScores } from '../src/metrics/classification';
import { trainingData } from '../src/train/data/dataSources';
import { autoEngine, trainToEnd } from './autoEngine';

export interface ExperimentRequest {
  baseUrl: string;
  config: Partial<ExperimentConfig>;
}

export interface ExperimentResult {
  backend: string;
  trainCounts: number[];
  validationCounts: number[];
  baseline: number;
  accuracy: number;
  macroF1: number;
  rareRecall: number;
  rareF1: number;
  error?: string;
}

self.onmessage = async (event: MessageEvent<ExperimentRequest>) => {
  const result: ExperimentResult = {
    backend: '—',
    trainCounts: [],
    validationCounts: [],
    baseline: 0,
    accuracy: 0,
    macroF1: 0,
    rareRecall: 0,
    rareF1: 0,
  };
  try {
    const optimizer = event.data.config.optimizer ?? defaultConfig().optimizer;
    const config: ExperimentConfig = { ...defaultConfig(), optimizerParams: defaultOptimizerParams(optimizer), ...event.data.config };
    const { dataset, split } = await trainingData(config, event.data.baseUrl);
    const classes = dataset.classes.length;
    result.trainCounts = classCounts(dataset.y, split.train, classes);
    result.validationCounts = classCounts(dataset.y, split.validation, classes);
    result.baseline = majorityBaseline(result.validationCounts).accuracy;
    const { backend, built } = await autoEngine(config, dataset, split);
    result.backend = backend;
    const { last: point } = await trainToEnd(built, dataset, split, config);
    built.dispose();
    if (point?.confusion) {
      const rare = perClassScores(point.confusion)[config.imbalanceClass];
      result.accuracy = point.validation.accuracy ?? 0;
      result.macroF1 = point.validation.f1 ?? 0;
      result.rareRecall = rare.recall;
      result.rareF1 = rare.f1;
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  self.postMessage(result);
};

// A random forest on the same split as the network (ml-random-forest), for
// tables and 2-D points: "do I even need a neural network for this?". Trees
// are grown in groups, so progress can be reported between groups; the
// groups vote together (majority of classes, or the mean of values).
import { RandomForestClassifier, RandomForestRegression } from 'ml-random-forest';
import type { Dataset, Split } from '../../data/dataset';
import { deriveSeed } from '../../lib/rng';
import { confusionMatrix, macroScores } from '../../metrics/classification';
import { addRegression, emptyRegressionSums, regressionScores } from '../../metrics/regression';
import type { SplitScores } from '../../metrics/types';

export interface ForestResult {
  trees: number;
  seconds: number;
  trainSamples: number;
  train: SplitScores;
  validation: SplitScores;
}

const GROUP = 10;

function rows(dataset: Dataset, indices: Uint32Array): number[][] {
  const width = dataset.sampleShape[0];
  return Array.from(indices, (i) => Array.from(dataset.x.subarray(i * width, (i + 1) * width)));
}

/** Why a forest cannot run on this data, or null. */
export function forestObstacle(dataset: Dataset): string | null {
  return dataset.sampleShape.length === 1 ? null : 'A random forest runs on tables and 2-D points, not on images.';
}

function score(dataset: Dataset, indices: Uint32Array, votes: number[][]): SplitScores {
  const actual = Array.from(indices, (i) => dataset.y[i]);
  if (dataset.task === 'regression') {
    const predicted = votes.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
    const { mse, mae, r2 } = regressionScores(addRegression(emptyRegressionSums(), actual, predicted));
    return { loss: mse, mae, r2 };
  }
  const classes = dataset.classes.length;
  let logLoss = 0;
  const predicted = votes.map((v, k) => {
    const counts = new Array<number>(classes).fill(0);
    for (const c of v) counts[c]++;
    // The vote share of the true class, as the forest's probability.
    logLoss -= Math.log(Math.max(counts[actual[k]] / v.length, 1e-7));
    return counts.indexOf(Math.max(...counts));
  });
  const { accuracy, precision, recall, f1 } = macroScores(confusionMatrix(actual, predicted, classes));
  return { loss: logLoss / Math.max(votes.length, 1), accuracy, precision, recall, f1 };
}

/** Grows `trees` trees on the training split (seeded), scoring both splits; `onProgress` gets the share grown. */
export async function trainForest(
  dataset: Dataset,
  split: Split,
  seed: number,
  trees: number,
  onProgress: (fraction: number) => void,
): Promise<ForestResult> {
  const obstacle = forestObstacle(dataset);
  if (obstacle) throw new Error(obstacle);
  const start = performance.now();
  const x = rows(dataset, split.train);
  const y = Array.from(split.train, (i) => dataset.y[i]);
  const validationRows = rows(dataset, split.validation);
  const trainVotes: number[][] = x.map(() => []);
  const validationVotes: number[][] = validationRows.map(() => []);
  const features = dataset.sampleShape[0];
  for (let grown = 0; grown < trees; grown += GROUP) {
    const options = {
      seed: deriveSeed(seed, `forest-${grown}`) | 0,
      nEstimators: Math.min(GROUP, trees - grown),
      maxFeatures: features > 3 ? Math.max(1 / features, Math.sqrt(features) / features) : 1,
      replacement: true,
      useSampleBagging: true,
      noOOB: true,
    };
    const forest = dataset.task === 'classification' ? new RandomForestClassifier(options) : new RandomForestRegression(options);
    forest.train(x, y);
    const collect = (data: number[][], into: number[][]) => {
      const values = forest.predictionValues(data);
      for (let r = 0; r < data.length; r++) into[r].push(...values.getRow(r));
    };
    collect(x, trainVotes);
    collect(validationRows, validationVotes);
    onProgress(Math.min(1, (grown + GROUP) / trees));
    // Let progress and other messages through between groups.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return {
    trees,
    seconds: (performance.now() - start) / 1000,
    trainSamples: split.train.length,
    train: score(dataset, split.train, trainVotes),
    validation: score(dataset, split.validation, validationVotes),
  };
}

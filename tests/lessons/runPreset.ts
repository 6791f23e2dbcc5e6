// A lesson step's preset, run as the page would run it (the app's data path,
// engine and loop), on the tfjs CPU backend under Node, seeded.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { presetConfig } from '../../src/lessons/preset';
import type { ExperimentConfig } from '../../src/config/experiment';
import type { InitialWeights } from '../../src/train/protocol';
import type { DrawingFacts, FoldFacts, ForestFacts, RunFacts } from '../../src/lessons/facts';
import type { LessonStep } from '../../src/lessons/types';
import { FOREST_TREES } from '../../src/state/forestActions';
import { inputScale } from '../../src/data/dataset';
import { preprocessDrawing } from '../../src/data/digitCanvas';
import { trainForest } from '../../src/train/insight/forest';
import { notADigit } from './drawings';
import { layerChanges, type NetworkPicture } from '../../src/model/picture';
import { networkPicture } from '../../src/train/insight/networkPicture';
import { outputFor } from '../../src/train/engines/build';

/** Batches a step that measures steps trains, one Step at a time. */
export const STEPS = 5;
import type { EpochPoint } from '../../src/metrics/types';
import { buildEngine, fusedObstacle } from '../../src/train/engines/build';
import { trainingData } from '../../src/train/data/dataSources';
import { RunControl } from '../../src/train/run/control';
import { trainModel } from '../../src/train/run/loop';

/** `fetch` for the app's own files (`https://local.invalid/data/…`), read from public/: the CSV samples and the bundled sets. */
const PUBLIC = join(__dirname, '../../public');

export async function localFetch(input: string | URL | Request): Promise<Response> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  if (url.hostname !== 'local.invalid') return new Response(null, { status: 404 });
  const bytes = await readFile(join(PUBLIC, decodeURIComponent(url.pathname)));
  return new Response(bytes, { headers: { 'content-length': String(bytes.length) } });
}

/**
 * Runs `preset` on tfjs's CPU backend, or on our fused engine (what auto picks for a tiny dense net); null: fused cannot
 * train it. `measure`: what the step measures, as the page would (a forest on the same split; the model's answer to a
 * drawing that is not a digit; k-fold cross-validation, each fold's run in turn).
 */
export async function runPreset(
  preset: string,
  engine: 'cpu' | 'fused' = 'cpu',
  measure?: LessonStep['measure'],
  start?: Start,
): Promise<RunFacts | null> {
  const { config, notes } = presetConfig(preset);
  if (notes.length > 0) throw new Error(`The preset has notes: ${notes.join(' ')}`);
  if (measure !== 'folds') return runConfig(config, engine, measure, start);
  const folds: FoldFacts[] = [];
  let last: RunFacts | null = null;
  for (let fold = 1; fold <= config.folds; fold++) {
    last = await runConfig({ ...config, fold }, engine);
    if (!last) return null;
    const end = last.epochs[last.epochs.length - 1];
    folds.push({ fold, train: end.train, validation: end.validation });
  }
  return { ...last!, config, folds };
}

/** Transfer: the run starts from an earlier run's weights (trained on classes `classes`), or only scores them. */
export interface Start {
  weights: InitialWeights;
  classes: readonly string[];
  evaluateOnly?: boolean;
}

/** What each run trained, for a later step that starts from it. */
const trained = new WeakMap<RunFacts, Start>();
export const weightsOf = (run: RunFacts): Start | undefined => trained.get(run);

async function runConfig(
  config: ExperimentConfig,
  engine: 'cpu' | 'fused',
  measure?: LessonStep['measure'],
  start?: Start,
): Promise<RunFacts | null> {
  const { dataset, split } = await trainingData(config, 'https://local.invalid/');
  if (engine === 'fused' && fusedObstacle(config, dataset) !== null) return null;
  // As the page adopts a kept model: the output layer is replaced when its classes are not this data's.
  const replaceOutput = start !== undefined && start.classes.join('\n') !== dataset.classes.join('\n');
  const built = await buildEngine(engine, config, dataset, split.train, start?.weights, undefined, replaceOutput);
  const epochs: EpochPoint[] = [];
  const losses: number[] = [];
  let error: string | null = null;
  const started = performance.now();
  const control = new RunControl();
  // Steps: STEPS batches, one Step at a time, the picture read at the start and at every pause, as the page does.
  const pictures: NetworkPicture[] = [];
  const picture = async () =>
    networkPicture(
      config.layers,
      outputFor(dataset),
      dataset.sampleShape.length === 1 ? dataset.sampleShape[0] : null,
      await built.engine.readWeights(),
      null,
    );
  if (measure === 'steps') {
    pictures.push(await picture());
    control.step();
  }
  try {
    await trainModel({
      engine: built.engine,
      dataset,
      split,
      batchSize: config.batchSize,
      epochs: config.epochs,
      seed: config.seed,
      control,
      evaluateOnly: start?.evaluateOnly,
      weightDecay: config.weightDecay,
      earlyStopping: config.earlyStopping ? { patience: config.patience } : undefined,
      onBatch: (point) => losses.push(point.loss),
      onEpoch: (point) => epochs.push(point),
      onPause: () =>
        void picture().then((drawn) => {
          pictures.push(drawn);
          if (pictures.length <= STEPS) control.step();
          else control.stop();
        }),
    });
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  let drawing: DrawingFacts | undefined;
  let forest: ForestFacts | undefined;
  let weights: InitialWeights;
  try {
    const shapes = built.model.getWeights().map((w) => w.shape);
    weights = (await built.engine.readWeights()).map((values, k) => ({ shape: shapes[k], values: Float32Array.from(values) }));
    if (measure === 'drawing') {
      const image = preprocessDrawing(notADigit(), 280, 280);
      const scale = inputScale(dataset);
      const probabilities = Array.from(
        await built.engine.predict(
          Float32Array.from(image, (v) => v * scale),
          1,
        ),
      );
      drawing = { probabilities, classes: dataset.classes };
    }
    if (measure === 'forest') forest = await trainForest(dataset, split, config.seed, FOREST_TREES, () => undefined);
  } finally {
    built.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const samplesPerSecond = seconds > 0 ? (split.train.length * epochs.length) / seconds : null;
  const facts: RunFacts = {
    config,
    epochs,
    error,
    backend: engine,
    sizes: { train: split.train.length, validation: split.validation.length },
    startedFrom: start ? `an earlier step's model${replaceOutput ? ', output layer replaced' : ''}` : null,
    samplesPerSecond,
    speeds: [],
    software: null,
    ...(forest ? { forest } : {}),
    ...(drawing ? { drawing } : {}),
    ...(measure === 'steps' && pictures.length >= 2
      ? {
          stepping: {
            step: pictures.length - 1,
            from: pictures.length - 2,
            losses,
            layers: layerChanges(pictures[pictures.length - 2], pictures[pictures.length - 1]),
            columns: pictures[0].columns.length,
          },
        }
      : {}),
  };
  trained.set(facts, { weights, classes: dataset.classes });
  return facts;
}

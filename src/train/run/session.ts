// One training run inside the worker: load data, pick a backend, build the
// engine, train, and report through an Outbox paced to the page's frame
// rate. Kept apart from worker.ts so the entry point stays a thin switch.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../config/experiment';
import { OPTIMIZER_LABELS, USUAL_LEARNING_RATE } from '../../config/optimizerParams';
import { divergenceAdvice } from '../../metrics/divergence';
import type { Dataset, Split } from '../../data/dataset';
import { checkModel } from '../../model/spec';
import { RunControl } from './control';
import { trainingData } from '../data/dataSources';
import { classCounts } from '../../data/imbalance';
import { buildEngine, outputFor, type BuiltEngine } from '../engines/build';
import { BOUNDARY_EXTENT, BOUNDARY_SIZE, decisionBoundary } from '../insight/boundary';
import type { Inspectable } from '../insight/inspectable';
import { trainModel } from './loop';
import { Outbox } from './outbox';
import { networkPicture } from '../insight/networkPicture';
import { measureDuringRun, prepareRunBackend } from '../backends/prepare';
import { fastest, rate, speedList } from '../backends/speeds';
import { activateBackend, softwareAdapter } from '../backends/backend';
import { carryObstacle } from '../engines/engineState';
import type { Engine } from '../engines/engine';
import { withTestFaults } from '../engines/faults';
import { BACKEND_LABELS, PACE_EPOCHS_PER_SECOND } from '../../config/experiment';
import type { FromWorker, InitialWeights, TestHooks } from '../protocol';
import type { Checkpoint } from '../../history/checkpoint';
import { epochCheckpointer } from './checkpointer';
import { MAX_KEPT_MODEL_BYTES, storedModelBytes } from '../../history/storedModel';
import { BOUNDARY_REDRAW, PICTURE_REDRAW, redrawInterval } from './redraw';

/** The model's weights with their shapes, for the history to keep (none over the cap). */
async function keptWeights(engine: Engine, model: tf.LayersModel): Promise<InitialWeights | undefined> {
  const values = await engine.readWeights();
  const shapes = model.getWeights().map((w) => w.shape);
  const weights = values.map((v, k) => ({ shape: shapes[k], values: Float32Array.from(v) }));
  return storedModelBytes(weights) <= MAX_KEPT_MODEL_BYTES ? weights : undefined;
}

export interface SessionOptions {
  runId: number;
  config: ExperimentConfig;
  baseUrl: string;
  testHooks?: TestHooks;
  /** Weights of an opened model file to start from. */
  initialWeights?: InitialWeights;
  /** Leave the opened model's output layer out (other classes). */
  replaceOutput?: boolean;
  /** Score the model on both splits as epoch 0 and train nothing. */
  evaluateOnly?: boolean;
  /** Check validation between epoch ends until it reaches this (a sweep member's target). */
  probeTarget?: number;
  /** Go on from this checkpoint, on its backend. */
  resume?: Checkpoint;
  post: (message: FromWorker) => void;
}

/** Validation checks per epoch while a sweep member has not reached its target. */
export const PROBES_PER_EPOCH = 10;

/** Steps between validation checks: a tenth of an epoch, rounded up (every step for an epoch of up to 10). */
export const probeInterval = (stepsPerEpoch: number) => Math.max(1, Math.ceil(stepsPerEpoch / PROBES_PER_EPOCH));

/** Points of a 2-D set sent for the decision-boundary view, at most. */
const MAX_SCATTER = 600;
/** Auto moves a run to another backend only when that one measured at least this many times as fast. */
const SWITCH_FACTOR = 1.2;

/** A run in progress; `control` takes pause / resume / step / stop. */
export class TrainingSession {
  readonly control = new RunControl();
  private built: BuiltEngine | null = null;
  private target: Inspectable | null = null;

  constructor(private readonly options: SessionOptions) {}

  /** The model (training or trained) and its data, for inspection, after the engine's latest weights are written to it. */
  inspectable(): Inspectable | null {
    this.built?.engine.syncModel();
    return this.target;
  }

  /** Frees the model; the worker calls it when the next run starts. */
  dispose(): void {
    this.built?.dispose();
    this.built = null;
    this.target = null;
  }

  private postScatter(dataset: Dataset, split: Split): void {
    const { runId, post } = this.options;
    const indices = [...split.train.slice(0, MAX_SCATTER / 2), ...split.validation.slice(0, MAX_SCATTER / 2)];
    const trainCount = Math.min(split.train.length, MAX_SCATTER / 2);
    post({
      type: 'scatter',
      runId,
      xy: indices.flatMap((i) => [dataset.plane!.xy[2 * i], dataset.plane!.xy[2 * i + 1]]),
      labels: indices.map((i) => dataset.y[i]),
      train: indices.map((_, k) => k < trainCount),
    });
  }

  /**
   * Auto's timing during the run, once, at the first epoch boundary: every
   * backend from the run's own weights and optimizer state, interleaved with
   * the one it runs on. Moves the run to a backend measured clearly faster
   * (SWITCH_FACTOR), carrying weights and optimizer state; returns the new
   * engine, or null to go on as before.
   */
  private async measureAndSwitch(epoch: number, current: Engine, dataset: Dataset, split: Split): Promise<Engine | null> {
    const { runId, config, testHooks, post } = this.options;
    this.measured = true;
    post({ type: 'phase', runId, phase: 'measuring' });
    const obstacle = carryObstacle(config.optimizer);
    const state = obstacle ? undefined : await current.exportState();
    const { speeds, partial } = await measureDuringRun(
      config,
      dataset,
      current.backend,
      state,
      testHooks,
      () => this.control.isStopped || this.control.willWait,
    );
    post({ type: 'phase', runId, phase: 'training' });
    if (partial) return null;
    const best = fastest(speeds);
    const mine = speeds.find((s) => s.backend === current.backend)?.samplesPerSecond ?? null;
    const faster =
      best !== null && best.backend !== current.backend && (mine === null || (best.samplesPerSecond ?? 0) > mine * SWITCH_FACTOR);
    const list = speedList(speeds);
    if (!faster || !best || !state) {
      const reason =
        faster && best
          ? `Auto timed every backend at the end of epoch ${epoch} (${list}). ${BACKEND_LABELS[best.backend]} is faster, but ${obstacle}; the next run starts there.`
          : `Auto timed every backend at the end of epoch ${epoch}, interleaved (${list}): ${BACKEND_LABELS[current.backend]} stays, the fastest or within ${Math.round((SWITCH_FACTOR - 1) * 100)} % of it.`;
      post({ type: 'backend-measured', runId, epoch, backend: current.backend, speeds, reason, switched: false });
      return null;
    }
    await activateBackend(best.backend, [], false, testHooks);
    const built = await buildEngine(best.backend, config, dataset, split.train, undefined, state);
    this.built?.dispose();
    this.built = built;
    this.target = { model: built.model, dataset, split, head: built.head };
    const reason = `Auto moved this run from ${BACKEND_LABELS[current.backend]} to ${BACKEND_LABELS[best.backend]} after epoch ${epoch}, carrying its weights and optimizer state: timed against each other in interleaved windows, ${BACKEND_LABELS[best.backend]} trains this model at ${rate(best.samplesPerSecond)} against ${rate(mine)} (${list}).`;
    post({ type: 'backend-measured', runId, epoch, backend: best.backend, speeds, reason, switched: true });
    return withTestFaults(built.engine, testHooks);
  }

  private measured = false;
  /** Settles when auto's timing in progress (if any) ends: tfjs's global backend is not the run's meanwhile. */
  private timing: Promise<unknown> = Promise.resolve();

  /** Resolves once no backend timing is in progress, so that an inspection runs on the run's own backend. */
  settled(): Promise<void> {
    return this.timing.then(
      () => undefined,
      () => undefined,
    );
  }

  async run(): Promise<void> {
    const { runId, config, testHooks, post } = this.options;
    this.control.setPace(PACE_EPOCHS_PER_SECOND[config.pace]);
    post({ type: 'phase', runId, phase: 'loading-data' });
    const data = await trainingData(config, this.options.baseUrl, testHooks);
    const { dataset, split } = data;
    const check = checkModel(config.layers, dataset.sampleShape, outputFor(dataset));
    if (!check.ok) throw new Error(check.message);
    if (this.control.isStopped) return post({ type: 'done', runId, reason: 'stopped' });

    post({ type: 'phase', runId, phase: 'starting-backend' });
    // A run never waits for a measurement: it starts on what is known, or on a guess, and auto times the rest at epoch 1's end.
    // A resumed run goes on where it trained, unmeasured: the same backend gives the same curve.
    const resume = this.options.resume;
    const choice = await prepareRunBackend(resume ? { ...config, backend: resume.backend } : config, dataset, testHooks);
    if (resume) this.measured = true;
    if (this.control.isStopped) return post({ type: 'done', runId, reason: 'stopped' });

    this.dispose();
    const built = await buildEngine(
      choice.backend,
      config,
      dataset,
      split.train,
      this.options.initialWeights,
      resume?.state,
      this.options.replaceOutput,
    );
    this.built = built;
    let engine: Engine = withTestFaults(built.engine, testHooks);
    let learningRate = resume?.learningRate ?? config.learningRate;
    if (learningRate !== config.learningRate) engine.setLearningRate(learningRate);

    this.target = { model: built.model, dataset, split, head: built.head };
    const planar = dataset.plane !== undefined;
    const stepsPerEpoch = Math.ceil(split.train.length / config.batchSize);
    const software = await softwareAdapter(choice.backend);
    post({
      type: 'ready',
      runId,
      backend: choice.backend,
      fallbacks: choice.fallbacks,
      speeds: choice.speeds,
      backendReason: software
        ? `${choice.reason} ${BACKEND_LABELS[choice.backend]} runs on a software adapter here (${software}): it computes on the CPU, not on a GPU.`
        : choice.reason,
      ...(software ? { software } : {}),
      task: dataset.task,
      labelsFlipped: data.flipped,
      trainSamples: split.train.length,
      validationSamples: split.validation.length,
      stepsPerEpoch,
      ...(dataset.task === 'classification'
        ? {
            classCounts: {
              train: classCounts(dataset.y, split.train, dataset.classes.length),
              validation: classCounts(dataset.y, split.validation, dataset.classes.length),
            },
          }
        : {}),
    });
    post({ type: 'phase', runId, phase: 'training' });
    if (planar) this.postScatter(dataset, split);

    const outbox = new Outbox(runId, post);
    const keepCheckpoint = epochCheckpointer(
      this.options,
      () => outbox.flush(),
      () => learningRate,
    );
    let lastBoundaryAt = -Infinity;
    /** The epoch the model's weights belong to (early stopping may put back an earlier one). */
    let weightsEpoch = 0;
    let boundaryCost = 0;
    const drawBoundary = async (epoch: number) => {
      const started = performance.now();
      const plane = dataset.plane!;
      const boundary = await decisionBoundary((points, count) => engine.predict(plane.toInput(points, count), count), dataset.task);
      boundaryCost = performance.now() - started;
      lastBoundaryAt = performance.now();
      outbox.setBoundary({ type: 'boundary', runId, epoch, size: BOUNDARY_SIZE, extent: BOUNDARY_EXTENT, ...boundary });
    };
    // The network picture reads the weights; it costs at most a tenth of training time, and is sent about once a frame.
    let lastPictureAt = -Infinity;
    let pictureCost = 0;
    const inputSize = dataset.sampleShape.length === 1 ? dataset.sampleShape[0] : null;
    // The run's weight updates so far, for the picture (its change from one picture to the next is per step).
    let stepNow = resume?.step ?? 0;
    const drawPicture = async (epoch: number) => {
      if (testHooks?.noPicture) return;
      const started = performance.now();
      const weights = await engine.readWeights();
      const picture = networkPicture(
        config.layers,
        outputFor(dataset),
        inputSize,
        weights,
        planar ? { toInput: dataset.plane!.toInput, extent: BOUNDARY_EXTENT } : null,
      );
      pictureCost = performance.now() - started;
      lastPictureAt = performance.now();
      outbox.setPicture({ type: 'picture', runId, epoch, step: stepNow, picture });
    };
    try {
      // The starting weights, drawn once: the first Step's change is read against them.
      if (!resume && !this.options.evaluateOnly) await drawPicture(0);
      const result = await trainModel({
        engine,
        dataset,
        split,
        batchSize: config.batchSize,
        epochs: config.untilStopped ? Number.POSITIVE_INFINITY : config.epochs,
        evaluateOnly: this.options.evaluateOnly,
        seed: config.seed,
        control: this.control,
        weightDecay: config.weightDecay,
        earlyStopping: config.earlyStopping ? { patience: config.patience } : undefined,
        start: resume ? { epoch: resume.epoch, step: resume.step, best: resume.best } : undefined,
        schedule: config.schedule === 'constant' ? undefined : { settings: config, base: learningRate, epochs: config.epochs },
        onEpochState: keepCheckpoint,
        probe:
          this.options.probeTarget === undefined ? undefined : { every: probeInterval(stepsPerEpoch), target: this.options.probeTarget },
        onProbe: (point) => {
          outbox.flush();
          post({ type: 'probe', runId, point, every: probeInterval(stepsPerEpoch) });
        },
        onRestoreBest: (epoch) => {
          weightsEpoch = epoch;
          outbox.flush();
          post({ type: 'best-restored', runId, epoch });
        },
        onBatch: (point) => {
          stepNow = point.step;
          outbox.batch(point);
          if (point.step === 2 && testHooks?.blockStepMs) {
            const until = performance.now() + testHooks.blockStepMs;
            while (performance.now() < until) {
              // One step that holds the thread, as a huge model's first step can.
            }
          }
        },
        onDivergence: (divergence) => {
          outbox.flush();
          post({
            type: 'warning',
            runId,
            message: divergenceAdvice(
              divergence,
              OPTIMIZER_LABELS[config.optimizer],
              config.learningRate,
              USUAL_LEARNING_RATE[config.optimizer],
            ),
          });
        },
        onLearningRateChange: (step, rate) => {
          learningRate = rate;
          outbox.flush();
          post({ type: 'learning-rate', runId, step, learningRate: rate });
        },
        onEpoch: (point) => {
          weightsEpoch = point.epoch;
          outbox.epoch(point, tf.memory().numTensors);
        },
        afterEpoch: async (epoch) => {
          const edge = epoch === 1 || epoch === config.epochs;
          if (edge || performance.now() - lastPictureAt >= redrawInterval(PICTURE_REDRAW, pictureCost)) await drawPicture(epoch);
          if (!planar) return;
          // The newest epoch is drawn about once a frame; a training step of a tiny net takes microseconds.
          const due = redrawInterval(BOUNDARY_REDRAW, boundaryCost);
          if (edge || performance.now() - lastBoundaryAt >= due) await drawBoundary(epoch);
        },
        swapEngine: async (epoch, current) => {
          if (choice.toMeasure.length === 0 || this.measured || this.options.evaluateOnly) return null;
          const timing = this.measureAndSwitch(epoch, current, dataset, split);
          this.timing = timing;
          const next = await timing;
          // The speed readout starts afresh: the timing pause is not training time.
          outbox.restartSpeedWindow();
          if (next) engine = next;
          return next;
        },
        onPause: (step) => {
          outbox.flush();
          post({ type: 'paused', runId, step });
          outbox.restartSpeedWindow();
          // Paused (after a Step, say): the picture shows the weights as they are now, so one step's change can be seen.
          if (stepNow > 0) void drawPicture(weightsEpoch).then(() => outbox.flush());
        },
      });
      // The final picture: the kept weights (early stopping may have restored an earlier epoch).
      const drawn = weightsEpoch > 0 || this.options.evaluateOnly === true;
      if (planar && drawn) await drawBoundary(weightsEpoch);
      if (drawn) await drawPicture(weightsEpoch);
      outbox.flush();
      const kept =
        drawn && !this.options.evaluateOnly && this.options.probeTarget === undefined
          ? await keptWeights(engine, this.built?.model ?? built.model)
          : undefined;
      post({ type: 'done', runId, reason: result, ...(kept ? { kept } : {}) });
    } finally {
      // The model stays for the insight views; the next run disposes it.
      outbox.flush();
      outbox.dispose();
    }
  }
}

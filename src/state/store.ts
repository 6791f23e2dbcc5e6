import { create } from 'zustand';
import { defaultConfig, type BackendName, type ExperimentConfig } from '../config/experiment';
import type { LoadedData } from '../config/datasets';
import type { NetworkNeed } from '../config/networkNeed';
import { unfrozen, type LayerSpec } from '../model/spec';
import type { Task } from '../data/dataset';
import type { RunRecord } from '../history/record';
import type { ForestResult, LoadPhase, LrFinderResult, NetworkPicture } from '../train/page/client';
import type { BatchPoint, EpochPoint, ProbePoint } from '../metrics/types';
import type { BackendChoice, BackendSpeed, Fallback, InitialWeights, RunPhase } from '../train/protocol';
import type { SweepSpec } from '../sweep/plan';
import type { SweepTag } from '../sweep/results';
import type { ActiveSweep } from '../sweep/active';
import type { RunFacts } from '../lessons/facts';
import type { StoredModel } from '../history/storedModel';

export type RunStatus = 'idle' | 'running' | 'paused' | 'stopped' | 'done' | 'error';

/** A run is live from Train until it ends: running, or paused. */
export const isLive = (status: RunStatus): boolean => status === 'running' || status === 'paused';

export interface RunSlice {
  status: RunStatus;
  runId: number;
  /** The experiment as it was when Train was pressed (the config may change afterwards). */
  config: ExperimentConfig | null;
  /** The kept model it started from (transfer, or continuing), in words; null for seeded weights. */
  startedFrom: string | null;
  /** The task of the data being trained on (from the worker). */
  task: Task | null;
  phase: RunPhase | null;
  backend: BackendName | null;
  /** How the backend was chosen: what was measured, passed over, and why. */
  choice: RunChoice;
  epoch: number;
  step: number;
  /** The data the run trains and validates on, as the worker prepared it. */
  sizes: RunSizes;
  samplesPerSecond: number;
  /** Live tensors in the worker after the latest epoch. */
  tensors: number | null;
  /** performance.now() when Train was pressed, and when the first point came. */
  startedAt: number;
  firstPointAt: number | null;
  /** Early stopping ended the run before its last epoch. */
  earlyStopped: boolean;
  /** The epoch whose weights early stopping restored. */
  restoredEpoch: number | null;
  error: string | null;
  /** Training goes on but looks wrong (divergence), with advice. */
  warning: string | null;
  /** The sweep this run belongs to, if any. */
  sweep: SweepTag | null;
}

/** How a run's backend was chosen (from the worker's ready and backend-measured events). */
export interface RunChoice {
  /** Backends that cannot train this model here, and why. */
  fallbacks: Fallback[];
  /** Measured training speed per backend on this model. */
  speeds: BackendSpeed[];
  /** Why this backend, in words. */
  reason: string | null;
  /** Auto moved the run to a faster backend mid-run (weights and optimizer state carried). */
  switched: { from: BackendName; to: BackendName; epoch: number } | null;
  /** WebGL or WebGPU on a software adapter (its name): it computes on the CPU. */
  software: string | null;
}

/** The run's data as the worker prepared it. */
export interface RunSizes {
  trainSamples: number;
  validationSamples: number;
  /** Training labels the label-noise knob flipped. */
  labelsFlipped: number;
  stepsPerEpoch: number;
  /** Classification: samples of each class in the training and validation splits (the imbalance knob's effect). */
  classCounts?: { train: number[]; validation: number[] };
}

/** The sweep being set up or run: its plan, its finished rows, where it stands. */
export interface SweepSlice {
  spec: SweepSpec;
  /** The values as typed, and what was wrong with them. */
  valuesText: string;
  problems: string[];
  /** The live (or last) sweep: null until one starts. */
  active: ActiveSweep | null;
}

/** A network picture with the epoch and step whose weights it shows. */
export type StepPicture = NetworkPicture & { epoch: number; step: number };

export interface MetricsSlice {
  /** Append-only per-batch history of the current run. */
  batches: BatchPoint[];
  epochs: EpochPoint[];
  /** Where the learning rate was changed during the run (for chart markers). */
  learningRateChanges: { step: number; learningRate: number }[];
  /** A sweep member's validation checks between epoch ends, and their interval in steps (null: none made). */
  probes: ProbePoint[];
  probeEvery: number | null;
  /** 2-D sets: the model's output over the plane after the latest epoch, and the points. */
  boundary: { epoch: number; size: number; extent: number; values: Uint8Array; min: number; max: number } | null;
  /** The network picture from the latest weights the worker sent (with the epoch and step they belong to). */
  picture: StepPicture | null;
  /** The picture before it in this run (an earlier step), so the change between them can be drawn. */
  previousPicture: StepPicture | null;
  scatter: { xy: number[]; labels: number[]; train: boolean[] } | null;
}

export interface HistorySlice {
  /** Stored runs, oldest first. */
  runs: RunRecord[];
  /** Ids of the runs overlaid on the comparison charts, in the order picked. */
  compared: number[];
  status: 'loading' | 'ready' | 'unavailable';
  /** Ids of the runs whose model is kept (history/storedModel.ts): a run can start from them. */
  models: number[];
  /** Why the history cannot be read or written, if it cannot. */
  error: string | null;
}

export interface DataSlice {
  /** What has been loaded for config.dataset (CSV table, uploaded images); null for built-in data. */
  loaded: LoadedData | null;
  /** Identifies the source `loaded` came from, so a matching reference reuses it. */
  loadedKey: string | null;
  loading: { label: string; phase: LoadPhase; fraction: number | null } | null;
  /** Why the last load failed; the previous dataset stays active. */
  error: string | null;
  /** Something the page changed because of the new data (e.g. the model), in words. */
  notice: string | null;
}

/** The one-click overfitting demo: where it stands, and the run being cured, drawn under the cure. */
export interface DemoSlice {
  stage: 'overfitting' | 'cured' | null;
  /** Epochs of an earlier run drawn faintly on the epoch charts for comparison, and what it was. */
  before: { label: string; epochs: EpochPoint[] } | null;
}

/** The random forest grown beside the network's run (insight view), for run `runId`. */
export interface ForestSlice {
  status: 'idle' | 'running' | 'done' | 'error';
  /** Share of the trees grown. */
  fraction: number;
  result: ForestResult | null;
  error: string | null;
  runId: number;
}

/** The learning-rate finder: its progress, its curve and suggestion, or why it failed. */
export interface LrFinderSlice {
  status: 'idle' | 'running' | 'done' | 'error';
  fraction: number;
  result: LrFinderResult | null;
  error: string | null;
}

/**
 * Concept drift's before and after: the trained model's validation score
 * on the data it learned, the evaluate-only run that scored it on the
 * drifted points, and the weights a retraining starts from.
 */
export interface DriftSlice {
  /** The trained run's kept validation accuracy (loss for regression), before the drift. */
  before: number | null;
  /** The same score of the trained model on the drifted points, once the scoring run is done. */
  after: number | null;
  /** The run that scored the trained model on drifted data, and the one retraining it there. */
  scoringRunId: number | null;
  retrainRunId: number | null;
  /** The trained model's weights and its experiment, from before the drift. */
  weights: InitialWeights | null;
  trained: ExperimentConfig | null;
  error: string | null;
}

/** The lesson being followed (lessons/), and what this visit has seen of it. */
export interface LessonSlice {
  active: { id: string; step: number } | null;
  /** The config the step's preset set, to say what the learner changed before a run. */
  preset: ExperimentConfig | null;
  /** The committed prediction of each step (null: none yet). */
  predictions: (string | null)[];
  /** Each step's latest run, as the lesson reads it (this visit; null: not run). */
  results: (RunFacts | null)[];
  /** The run id of each step's result (0: none), so what is measured after a run joins the right one. */
  resultRuns: number[];
  /** Steps whose goal a run has met (kept in the browser, with the predictions and the step). */
  done: boolean[];
  /** Runs after this id belong to the step shown. */
  sinceRunId: number;
  /** The cross-validation a step that measures folds started (its sweep), and the config it scored; null: none. */
  foldSweep: { id: string; step: number; config: ExperimentConfig } | null;
  /** The model each step's latest run trained (this visit, in memory), for a later step that starts from it. */
  models: (StoredModel | null)[];
  /** The opened model is one the lesson adopted for a step (so a step that starts afresh lets it go). */
  adopted: boolean;
}

export type WorkbenchTab = 'insights' | 'sweeps' | 'history';

export interface AppState {
  config: ExperimentConfig;
  demo: DemoSlice;
  /** Which of the deeper views shows (a sweep being set up or run opens its own). */
  workbenchTab: WorkbenchTab;
  /** The network picture draws the change in the weights since the picture before, not the weights. */
  showWeightChange: boolean;
  run: RunSlice;
  metrics: MetricsSlice;
  /** What the worker's warm-up measured for the current model and backend setting (before Train). */
  backendPreview: BackendChoice | null;
  /** What an opened link held that could not be used as it was (see share/codec). */
  linkNotes: string[];
  /** A kept model (opened files, or a run in the history): the next run starts from its weights; or why it could not be used. */
  openedModel: {
    weights: InitialWeights | null;
    /** The layers the weights belong to: Train starts from the weights only while the model has these layers (frozen or not). */
    layers: LayerSpec[] | null;
    /** It knew other classes: its output layer starts afresh (transfer), the others from its weights. */
    replaceOutput?: boolean;
    /** What it is, for the run's record: "Run 3 (MNIST sample)". */
    source?: string;
    summary: string | null;
    notes: string[];
    error: string | null;
  } | null;
  sweep: SweepSlice;
  /** An opened link whose data must be downloaded: shown, and applied only when the reader agrees. */
  pendingLink: { config: ExperimentConfig; need: NetworkNeed } | null;
  history: HistorySlice;
  data: DataSlice;
  forest: ForestSlice;
  lrFinder: LrFinderSlice;
  drift: DriftSlice;
  lesson: LessonSlice;
}

/** The run slice before anything has happened. */
export function initialRun(): RunSlice {
  return {
    status: 'idle',
    runId: 0,
    config: null,
    startedFrom: null,
    task: null,
    phase: null,
    backend: null,
    choice: { fallbacks: [], speeds: [], reason: null, switched: null, software: null },
    epoch: 0,
    step: 0,
    sizes: { trainSamples: 0, validationSamples: 0, labelsFlipped: 0, stepsPerEpoch: 0 },
    samplesPerSecond: 0,
    tensors: null,
    startedAt: 0,
    firstPointAt: null,
    earlyStopped: false,
    restoredEpoch: null,
    error: null,
    warning: null,
    sweep: null,
  };
}

/** A sweep form with the data-size table ready. */
export function initialSweep(): SweepSlice {
  return {
    spec: { knob: 'trainFraction', values: [0.05, 0.2, 1], seeds: 1, target: 0.9, metric: 'accuracy' },
    valuesText: '0.05, 0.2, 1',
    problems: [],
    active: null,
  };
}

/** Metrics before a run. */
export function emptyMetrics(): MetricsSlice {
  return {
    batches: [],
    epochs: [],
    learningRateChanges: [],
    probes: [],
    probeEvery: null,
    boundary: null,
    picture: null,
    previousPicture: null,
    scatter: null,
  };
}

/**
 * The kept model's weights, if the next run starts from them: only while
 * the layers are still those the weights were saved with (which of them are
 * frozen aside). The page shows the same rule, so the page and the run
 * agree on which model is opened.
 */
export function openedStart(state: Pick<AppState, 'config' | 'openedModel'>): { weights: InitialWeights; replaceOutput: boolean } | null {
  const opened = state.openedModel;
  if (!opened?.weights || !opened.layers) return null;
  const same = JSON.stringify(unfrozen(opened.layers)) === JSON.stringify(unfrozen(state.config.layers));
  return same ? { weights: opened.weights, replaceOutput: opened.replaceOutput === true } : null;
}

/** The whole state when the page opens. */
export function initialState(): AppState {
  return {
    config: defaultConfig(),
    run: initialRun(),
    metrics: emptyMetrics(),
    demo: { stage: null, before: null },
    workbenchTab: 'insights',
    showWeightChange: false,
    linkNotes: [],
    pendingLink: null,
    openedModel: null,
    backendPreview: null,
    history: { runs: [], compared: [], status: 'loading', models: [], error: null },
    sweep: initialSweep(),
    data: { loaded: null, loadedKey: null, loading: null, error: null, notice: null },
    forest: { status: 'idle', fraction: 0, result: null, error: null, runId: 0 },
    lrFinder: { status: 'idle', fraction: 0, result: null, error: null },
    drift: { before: null, after: null, scoringRunId: null, retrainRunId: null, weights: null, trained: null, error: null },
    lesson: {
      active: null,
      preset: null,
      predictions: [],
      results: [],
      resultRuns: [],
      done: [],
      sinceRunId: 0,
      foldSweep: null,
      models: [],
      adopted: false,
    },
  };
}

/** The one application store; components read it through module-level selectors. */
export const useAppStore = create<AppState>(initialState);

/** The slices that are objects of their own, each updated through `setSlice`. */
export type SliceName = 'run' | 'metrics' | 'sweep' | 'history' | 'data' | 'demo' | 'forest' | 'lrFinder' | 'drift' | 'lesson';

/** Merges `update` (or what it returns for the slice as it stands) into one slice. */
export function setSlice<K extends SliceName>(
  name: K,
  update: Partial<AppState[K]> | ((slice: AppState[K]) => Partial<AppState[K]>),
): void {
  useAppStore.setState((state) => {
    const patch = typeof update === 'function' ? update(state[name]) : update;
    return { [name]: { ...state[name], ...patch } } as Pick<AppState, K>;
  });
}

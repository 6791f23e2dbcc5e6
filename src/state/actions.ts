// Module-level actions for the run and its settings. These and the other
// *Actions modules reach the worker only through clientHandle.getClient();
// what follows a run subscribes to clientHandle.onRunEvents (see main.tsx).
import {
  PACE_EPOCHS_PER_SECOND,
  PANELS,
  type BackendPreference,
  type Pace,
  type ExperimentConfig,
  type OptimizerName,
  type PanelName,
} from '../config/experiment';
import { defaultOptimizerParams, USUAL_LEARNING_RATE, type OptimizerParam } from '../config/optimizerParams';
import { getClient } from './clientHandle';
import { resolveDatasetInfo } from '../config/datasets';
import { classKnobsRefusal } from '../data/imbalance';
import { isLive, emptyMetrics, initialRun, openedStart, useAppStore, type WorkbenchTab, setSlice } from './store';
import type { StartOptions } from '../train/page/client';
import type { SweepTag } from '../sweep/results';

/** Creates the worker early and lets it load data and pick a backend, so Train is quick. */
export function warmUpTraining(): void {
  getClient().warmUp(useAppStore.getState().config);
}

/** Wait this long after the last model or setting edit before warming up again. */
const REWARM_DELAY_MS = 800;
let rewarmTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Warms the worker up again when what the backend test depends on changes
 * (layers, batch size, optimizer, backend), so that the first run after an
 * edit starts as fast as the first run after opening the page.
 */
export function startAutoWarmUp(): void {
  useAppStore.subscribe((state, previous) => {
    const a = state.config;
    const b = previous.config;
    if (
      a.layers === b.layers &&
      a.batchSize === b.batchSize &&
      a.optimizer === b.optimizer &&
      a.backend === b.backend &&
      a.dataset === b.dataset
    )
      return;
    if (state.backendPreview) useAppStore.setState({ backendPreview: null });
    clearTimeout(rewarmTimer);
    rewarmTimer = setTimeout(() => {
      const { status } = useAppStore.getState().run;
      if (!isLive(status)) warmUpTraining();
    }, REWARM_DELAY_MS);
  });
}

/** Starts a fresh run with the current config; clears the previous curves. `startPaused`: one batch, then pause. */
export function startRun(startPaused = false, evaluateOnly = false): void {
  const state = useAppStore.getState();
  // A class knob that cannot apply to this data is said before anything starts, so the last run's curves stay.
  const { info } = resolveDatasetInfo(state.config.dataset, state.data.loaded);
  const refusal = info && classKnobsRefusal(state.config, info.task, info.classes);
  if (refusal) {
    setSlice('run', { error: refusal });
    return;
  }
  const start = openedStart(state);
  startRunOf(state.config, { startPaused, evaluateOnly, weights: start?.weights, replaceOutput: start?.replaceOutput });
  const source = state.openedModel?.source;
  if (start && source) setSlice('run', { startedFrom: `${source}${start.replaceOutput ? ', output layer replaced' : ''}` });
}

/** Starts a run of `config` (a sweep's member, or the page's own experiment). */
export function startRunOf(config: ExperimentConfig, options: StartOptions & { sweep?: SweepTag } = {}): number {
  const runId = getClient().start(config, { ...options, ...(options.sweep ? { probeTarget: options.sweep.target } : {}) });
  useAppStore.setState({
    run: {
      ...initialRun(),
      status: 'running',
      runId,
      config: structuredClone(config),
      phase: 'loading-data',
      startedAt: performance.now(),
      sweep: options.sweep ?? null,
    },
    metrics: emptyMetrics(),
  });
  return runId;
}

export function pauseRun(): void {
  getClient().pause();
}

export function resumeRun(): void {
  getClient().resume();
}

/** One batch, then pause; before any run (or after one ended), starts a run that pauses after its first batch. */
export function stepRun(): void {
  const { status } = useAppStore.getState().run;
  if (isLive(status)) getClient().step();
  else startRun(true);
}

export function stopRun(): void {
  const { run } = useAppStore.getState();
  getClient().stop();
  // A paused loop wakes on stop and reports 'done: stopped'; show it at once.
  if (run.status === 'paused') useAppStore.setState({ run: { ...run, status: 'stopped' } });
}

/** Picks the backend for the next run (the worker warms it up: see startAutoWarmUp). */
export function setBackendPreference(backend: BackendPreference): void {
  useAppStore.setState((state) => ({ config: { ...state.config, backend } }));
}

export function dismissError(): void {
  setSlice('run', { error: null });
}

/** Stops any run and clears the curves; the next Train starts from new weights drawn from the seed. */
export function resetRun(): void {
  const { run } = useAppStore.getState();
  if (isLive(run.status)) getClient().stop();
  // runId 0 matches no run, so late events of the stopped run are ignored.
  useAppStore.setState({ run: initialRun(), metrics: emptyMetrics(), openedModel: null });
}

type NumericField =
  | 'learningRate'
  | 'batchSize'
  | 'epochs'
  | 'validationSplit'
  | 'weightDecay'
  | 'patience'
  | 'trainFraction'
  | 'labelNoise'
  | 'seed'
  | 'decayRate'
  | 'decayEvery'
  | 'warmupEpochs';

/** Sets a validated numeric setting. A new learning rate also reaches a running model at its next batch. */
export function setNumericSetting(field: NumericField, value: number): void {
  useAppStore.setState((state) => ({ config: { ...state.config, [field]: value } }));
  const { run } = useAppStore.getState();
  if (field === 'learningRate' && isLive(run.status)) getClient().setLearningRate(value);
}

/**
 * Picks an optimizer, with its own default parameters and its usual learning
 * rate, unless the user set a rate of their own (one that is not the usual
 * rate of the optimizer being left).
 */
export function setOptimizer(optimizer: OptimizerName): void {
  useAppStore.setState((state) => {
    const untouched = state.config.learningRate === USUAL_LEARNING_RATE[state.config.optimizer];
    const learningRate = untouched ? USUAL_LEARNING_RATE[optimizer] : state.config.learningRate;
    return { config: { ...state.config, optimizer, optimizerParams: defaultOptimizerParams(optimizer), learningRate } };
  });
}

/** Sets one validated optimizer parameter; applies from the next run. */
export function setOptimizerParam(param: OptimizerParam, value: number): void {
  useAppStore.setState((state) => ({ config: { ...state.config, optimizerParams: { ...state.config.optimizerParams, [param]: value } } }));
}

/** Sets the run's pace (kept in the link); a running model follows from its next epoch. */
export function setPace(pace: Pace): void {
  useAppStore.setState((state) => ({ config: { ...state.config, pace } }));
  const { run } = useAppStore.getState();
  if (isLive(run.status)) getClient().setPace(PACE_EPOCHS_PER_SECOND[pace]);
}

/** Train until Stop is pressed instead of for a number of epochs; applies from the next run. */
export function setUntilStopped(untilStopped: boolean): void {
  useAppStore.setState((state) => ({ config: { ...state.config, untilStopped } }));
}

export function setEarlyStopping(earlyStopping: boolean): void {
  useAppStore.setState((state) => ({ config: { ...state.config, earlyStopping } }));
}

/** Replaces the config (e.g. a preset's layers); applies from the next run. */
export function updateConfig(update: (config: ExperimentConfig) => ExperimentConfig): void {
  useAppStore.setState((state) => ({ config: update(state.config) }));
}

/** Classroom mode: large type and high contrast (kept in the link). */
export function setClassroom(classroom: boolean): void {
  updateConfig((config) => ({ ...config, classroom }));
}

/** Hides or shows a panel (kept in the link, like TensorFlow Playground's hide flags). */
export function togglePanel(panel: PanelName): void {
  updateConfig((config) => ({
    ...config,
    hiddenPanels: config.hiddenPanels.includes(panel)
      ? config.hiddenPanels.filter((p) => p !== panel)
      : PANELS.filter((p) => p === panel || config.hiddenPanels.includes(p)),
  }));
}

const TAB_KEY = 'workbench-tab';

/** Shows one of the deeper views under the first screen; a reload of this tab keeps it. */
export function openTab(tab: WorkbenchTab): void {
  useAppStore.setState({ workbenchTab: tab });
  try {
    sessionStorage.setItem(TAB_KEY, tab);
  } catch {
    // Storage refused: the choice lasts until the reload.
  }
}

/** The view this browser tab showed before a reload, if any. */
export function restoreTab(): void {
  try {
    const tab = sessionStorage.getItem(TAB_KEY);
    if (tab === 'insights' || tab === 'sweeps' || tab === 'history') useAppStore.setState({ workbenchTab: tab });
  } catch {
    // No storage: the default view.
  }
}

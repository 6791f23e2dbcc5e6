// Following a lesson: opening one (its step's preset becomes the experiment),
// committing a prediction, reading each run that ends while a step is shown,
// moving between steps, and leaving (the experiment stays). Progress (the
// step, the predictions, the goals met, and each step's reading) is kept in
// the browser.
import { configDifferences } from '../history/record';
import { lessonById } from '../lessons';
import type { RunFacts } from '../lessons/facts';
import { restoreFacts, storableFacts } from '../lessons/storedFacts';
import { presetConfig } from '../lessons/preset';
import type { RunEnd } from './clientHandle';
import { openLinkExperiment } from './dataActions';
import { growForestBesideRun } from './forestActions';
import { startRun, stepRun, stopRun, updateConfig } from './actions';
import { modelOfRun } from './keptModels';
import { adoptModel, forgetOpenedModel } from './modelActions';
import { layerChanges } from '../model/picture';
import { canFreeze, isFrozen, unfrozen } from '../model/spec';
import { crossValidate } from './sweepActions';
import { startSweep } from './sweepRunner';
import { completeRows } from '../sweep/active';
import { isLive, setSlice, useAppStore, type LessonSlice } from './store';

const PROGRESS_KEY = 'training-playground-lessons';

interface Progress {
  step: number;
  predictions: (string | null)[];
  done: boolean[];
  /** Each step's latest run as the lesson read it (null: none kept), so its reading comes back. */
  results: (RunFacts | null)[];
}

/** As written: the readings are left out when storage had no room for them. */
type StoredProgress = Omit<Progress, 'results'> & { results?: (RunFacts | null)[] };

function readProgress(): Record<string, StoredProgress> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, StoredProgress>) : {};
  } catch {
    return {};
  }
}

/** A lesson's saved progress, read defensively (a damaged entry is no progress; a damaged reading is none); `readings`: read those too. */
export function savedProgress(id: string, steps: number, readings = false): Progress | null {
  const raw = readProgress()[id];
  if (typeof raw !== 'object' || raw === null || !Number.isInteger(raw.step)) return null;
  const list = <T>(value: unknown, ok: (v: unknown) => v is T, fallback: T): T[] =>
    Array.from({ length: steps }, (_, i) => (Array.isArray(value) && ok(value[i]) ? value[i] : fallback));
  return {
    step: Math.min(Math.max(0, raw.step), steps - 1),
    predictions: list(raw.predictions, (v): v is string | null => typeof v === 'string' || v === null, null),
    done: list(raw.done, (v): v is boolean => typeof v === 'boolean', false),
    results: Array.from({ length: steps }, (_, i) => (readings && Array.isArray(raw.results) ? restoreFacts(raw.results[i]) : null)),
  };
}

function saveProgress(slice: LessonSlice): void {
  if (!slice.active) return;
  const { id, step } = slice.active;
  const progress = { step, predictions: slice.predictions, done: slice.done };
  const results = slice.results.map((facts) => (facts ? storableFacts(facts) : null));
  // Storage may be full (then the readings are left out) or switched off: the lesson goes on, unsaved.
  for (const entry of [{ ...progress, results }, progress]) {
    try {
      const all = readProgress();
      all[id] = entry;
      localStorage.setItem(PROGRESS_KEY, JSON.stringify(all));
      return;
    } catch {
      // Try the smaller entry.
    }
  }
}

function update(patch: (slice: LessonSlice) => Partial<LessonSlice>): void {
  setSlice('lesson', patch);
  saveProgress(useAppStore.getState().lesson);
}

/** Shows step `step` of the lesson and puts its preset in place, unless `keepExperiment` (a link that carries its own). */
export function openLesson(id: string, step?: number, keepExperiment = false): boolean {
  const lesson = lessonById(id);
  if (!lesson) return false;
  const current = useAppStore.getState().lesson;
  const saved = current.active?.id === id ? null : savedProgress(id, lesson.steps.length, true);
  const index = Math.min(Math.max(0, step ?? saved?.step ?? 0), lesson.steps.length - 1);
  const { config } = presetConfig(lesson.steps[index].preset);
  const { config: before } = useAppStore.getState();
  // The learner's view stays: panels shown and classroom mode are theirs, not the lesson's.
  const preset = { ...config, hiddenPanels: before.hiddenPanels, classroom: before.classroom };
  update((slice) => ({
    active: { id, step: index },
    preset,
    ...(slice.active?.id === id
      ? {}
      : {
          predictions: saved?.predictions ?? lesson.steps.map(() => null),
          done: saved?.done ?? lesson.steps.map(() => false),
          results: saved?.results ?? lesson.steps.map(() => null),
          resultRuns: lesson.steps.map(() => 0),
          models: lesson.steps.map(() => null),
        }),
    sinceRunId: useAppStore.getState().run.runId,
    foldSweep: null,
  }));
  // A model the lesson adopted for a step that started from an earlier one is let go: this step starts afresh.
  if (current.adopted && lesson.steps[index].startFrom === undefined) {
    forgetOpenedModel();
    setSlice('lesson', { adopted: false });
  }
  if (!keepExperiment) openLinkExperiment(preset);
  // A step trained a batch at a time is read in the change of the weights: the picture shows it.
  if (lesson.steps[index].measure === 'steps') useAppStore.setState({ showWeightChange: true });
  return true;
}

export function goToStep(step: number): void {
  const { lesson, run } = useAppStore.getState();
  if (!lesson.active) return;
  // A run paused after Steps ends here: the next step starts from its own preset.
  if (run.status === 'paused') stopRun();
  openLesson(lesson.active.id, step);
}

export function commitPrediction(choice: string): void {
  update((slice) => {
    if (!slice.active) return {};
    const predictions = slice.predictions.slice();
    predictions[slice.active.step] = choice;
    return { predictions };
  });
}

/** Leaves the lesson; the experiment on screen stays as an ordinary one. */
export function leaveLesson(): void {
  setSlice('lesson', { active: null, preset: null, foldSweep: null });
}

/**
 * Runs the step shown on the experiment as it is now: one run, or (a step
 * that measures folds) k-fold cross-validation of it, the sweep runner
 * training the k models one after another.
 */
export function runStep(): void {
  const { lesson, config } = useAppStore.getState();
  const shown = lessonStepShown();
  if (lesson.active && shown?.startFrom !== undefined) {
    startFromStep(shown.startFrom, shown.preset, shown.evaluateOnly === true);
    return;
  }
  const measure = shown?.measure;
  if (measure === 'steps') {
    stepRun();
    return;
  }
  if (!lesson.active || measure !== 'folds') {
    startRun();
    return;
  }
  crossValidate(config.folds >= 2 ? config.folds : 5);
  startSweep();
  const sweep = useAppStore.getState().sweep.active;
  if (sweep?.status === 'running')
    setSlice('lesson', { foldSweep: { id: sweep.id, step: lesson.active.step, config: structuredClone(config) } });
}

/** The step's run starts from the model step `from` trained, with the preset's layers frozen; or only scores it. */
function startFromStep(from: number, preset: string, evaluateOnly: boolean): void {
  const model = useAppStore.getState().lesson.models[from];
  if (!model) return;
  adoptModel({ experiment: model, weights: model.weights, notes: [] }, `step ${from + 1}’s model`);
  if (useAppStore.getState().openedModel?.error) return;
  const frozen = presetConfig(preset).config.layers.map(isFrozen);
  updateConfig((c) => ({
    ...c,
    layers: unfrozen(c.layers).map((layer, i) => (frozen[i] && canFreeze(layer) ? { ...layer, frozen: true } : layer)),
  }));
  setSlice('lesson', { adopted: true });
  startRun(false, evaluateOnly);
}

/** Store listener: a new network picture while a step that measures steps is shown and its run is paused (after a Step). */
export function lessonPictureChanged(): void {
  const { lesson, run, metrics } = useAppStore.getState();
  const { picture, previousPicture } = metrics;
  if (!lesson.active || lessonStepShown()?.measure !== 'steps' || run.status !== 'paused' || !run.config) return;
  if (run.runId <= lesson.sinceRunId || run.sweep || !picture || !previousPicture || picture.step === 0) return;
  setResult(lesson.active.step, run.runId, {
    ...runFactsNow(),
    stepping: {
      step: picture.step,
      from: previousPicture.step,
      losses: metrics.batches.map((point) => point.loss),
      layers: layerChanges(previousPicture, picture),
      columns: picture.columns.length,
    },
  });
}

/** Store listener: the cross-validation a step started has trained its last fold; the step reads every fold's scores. */
export function lessonSweepChanged(): void {
  const { lesson, sweep, run, metrics } = useAppStore.getState();
  const started = lesson.foldSweep;
  const active = sweep.active;
  if (!started || !active || active.id !== started.id || active.status !== 'done') return;
  setSlice('lesson', { foldSweep: null });
  const rows = completeRows(active).filter((row) => row.outcome === 'done' && row.fold !== undefined && row.final && row.train);
  if (rows.length === 0) return;
  setResult(started.step, run.runId, {
    config: started.config,
    epochs: metrics.epochs,
    error: run.error,
    backend: run.backend,
    samplesPerSecond: run.samplesPerSecond > 0 ? run.samplesPerSecond : null,
    speeds: [],
    software: run.choice.software,
    folds: rows.map((row) => ({ fold: row.fold!, train: row.train!, validation: row.final! })).sort((a, b) => a.fold - b.fold),
  });
}

/** What the learner changed from the step's preset before this run. */
export function changedFromPreset(run: RunFacts, preset: LessonSlice['preset']): string[] {
  if (!preset) return [];
  return configDifferences(preset, { ...run.config, hiddenPanels: preset.hiddenPanels, classroom: preset.classroom });
}

/** A run that ended while a step was shown is that step's run: the lesson reads it (subscribed with onRunEnded from main.tsx). */
export function lessonRunEnded(event: RunEnd): void {
  const { lesson, run } = useAppStore.getState();
  if (!lesson.active || event.runId !== run.runId || run.runId <= lesson.sinceRunId || run.sweep || !run.config) return;
  const step = lessonById(lesson.active.id)?.steps[lesson.active.step];
  if (!step) return;
  // A run trained a batch at a time keeps what its pauses read.
  const index = lesson.active.step;
  const stepping = lesson.resultRuns[index] === run.runId ? lesson.results[index]?.stepping : undefined;
  setResult(index, run.runId, { ...runFactsNow(), ...(stepping ? { stepping } : {}) });
  // What it trained is kept for a later step that starts from it.
  if (event.type === 'done' && event.kept) {
    const model = modelOfRun(run.runId, event.kept);
    if (model) setSlice('lesson', (slice) => ({ models: slice.models.map((m, i) => (i === index ? model : m)) }));
  }
  if (step.measure === 'forest') void growForestBesideRun().then(() => forestGrown(run.runId));
}

/** The current run's facts, as a lesson reads them. */
function runFactsNow(): RunFacts {
  const { run, metrics } = useAppStore.getState();
  return {
    config: run.config!,
    epochs: metrics.epochs,
    error: run.error,
    backend: run.backend,
    samplesPerSecond: run.samplesPerSecond > 0 ? run.samplesPerSecond : null,
    speeds: run.choice.speeds.map(({ backend, samplesPerSecond, reason }) => ({ backend, samplesPerSecond, reason })),
    software: run.choice.software,
    startedFrom: run.startedFrom,
    sizes: { train: run.sizes.trainSamples, validation: run.sizes.validationSamples },
  };
}

/** Makes `facts` step `index`'s result (of run `runId`) and checks the step's goal on it. */
function setResult(index: number, runId: number, facts: RunFacts): void {
  const step = lessonStepShown();
  if (!step || useAppStore.getState().lesson.active?.step !== index) return;
  update((slice) => {
    const results = slice.results.slice();
    results[index] = facts;
    const resultRuns = slice.resultRuns.slice();
    resultRuns[index] = runId;
    const done = slice.done.slice();
    const context = {
      prediction: predictionFor(slice, index),
      changed: changedFromPreset(facts, slice.preset),
      earlier: results.slice(0, index),
    };
    if (step.goal.met(facts, context)) done[index] = true;
    return { results, resultRuns, done };
  });
}

function lessonStepShown() {
  const active = useAppStore.getState().lesson.active;
  return active ? (lessonById(active.id)?.steps[active.step] ?? null) : null;
}

/** Adds what was measured after run `runId` to the shown step's result, when that run is the step's. */
function addToResult(runId: number, extra: Pick<RunFacts, 'forest' | 'drawing'>): void {
  const { lesson } = useAppStore.getState();
  if (!lesson.active || runId === 0) return;
  const index = lesson.active.step;
  const facts = lesson.results[index];
  if (facts && lesson.resultRuns[index] === runId) setResult(index, runId, { ...facts, ...extra });
}

/** The forest beside run `runId` has grown (or failed): a step that measures it reads its scores. */
function forestGrown(runId: number): void {
  const { forest } = useAppStore.getState();
  if (forest.runId !== runId) return;
  if (forest.status === 'error') addToResult(runId, { forest: null });
  if (forest.status !== 'done' || !forest.result) return;
  const { train, validation, trees, seconds } = forest.result;
  addToResult(runId, { forest: { train, validation, trees, seconds } });
}

/** The model answered what the learner drew (the draw panel): a step that measures drawings reads it. */
export function noteDrawing(probabilities: readonly number[], classes: readonly string[]): void {
  if (lessonStepShown()?.measure !== 'drawing') return;
  const { run } = useAppStore.getState();
  if (isLive(run.status)) return;
  addToResult(run.runId, { drawing: { probabilities: [...probabilities], classes: [...classes] } });
}

/** The prediction a step's reading weighs: its own, or (a step that asks none) the latest one before it. */
export function predictionFor(slice: Pick<LessonSlice, 'predictions' | 'active'>, step: number): string | null {
  const own = slice.active ? lessonById(slice.active.id)?.steps[step]?.prediction : undefined;
  if (own) return slice.predictions[step] ?? null;
  for (let i = step - 1; i >= 0; i--) if (slice.predictions[i]) return slice.predictions[i];
  return null;
}

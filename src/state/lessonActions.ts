// Following a lesson: opening one (its step's preset becomes the experiment),
// committing a prediction, reading each run that ends while a step is shown,
// moving between steps, and leaving (the experiment stays). Progress (the
// step, the predictions, the goals met) is kept in the browser.
import { configDifferences } from '../history/record';
import { lessonById } from '../lessons';
import type { RunFacts } from '../lessons/facts';
import { presetConfig } from '../lessons/preset';
import type { RunEnd } from './clientHandle';
import { openLinkExperiment } from './dataActions';
import { setSlice, useAppStore, type LessonSlice } from './store';

const PROGRESS_KEY = 'training-playground-lessons';

interface Progress {
  step: number;
  predictions: (string | null)[];
  done: boolean[];
}

function readProgress(): Record<string, Progress> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, Progress>) : {};
  } catch {
    return {};
  }
}

/** A lesson's saved progress, read defensively (a damaged entry is no progress). */
export function savedProgress(id: string, steps: number): Progress | null {
  const raw = readProgress()[id];
  if (typeof raw !== 'object' || raw === null || !Number.isInteger(raw.step)) return null;
  const list = <T>(value: unknown, ok: (v: unknown) => v is T, fallback: T): T[] =>
    Array.from({ length: steps }, (_, i) => (Array.isArray(value) && ok(value[i]) ? value[i] : fallback));
  return {
    step: Math.min(Math.max(0, raw.step), steps - 1),
    predictions: list(raw.predictions, (v): v is string | null => typeof v === 'string' || v === null, null),
    done: list(raw.done, (v): v is boolean => typeof v === 'boolean', false),
  };
}

function saveProgress(slice: LessonSlice): void {
  if (!slice.active) return;
  try {
    const all = readProgress();
    all[slice.active.id] = { step: slice.active.step, predictions: slice.predictions, done: slice.done };
    localStorage.setItem(PROGRESS_KEY, JSON.stringify(all));
  } catch {
    // Storage may be full or switched off: the lesson goes on, unsaved.
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
  const saved = current.active?.id === id ? null : savedProgress(id, lesson.steps.length);
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
          results: lesson.steps.map(() => null),
        }),
    sinceRunId: useAppStore.getState().run.runId,
  }));
  if (!keepExperiment) openLinkExperiment(preset);
  return true;
}

export function goToStep(step: number): void {
  const active = useAppStore.getState().lesson.active;
  if (active) openLesson(active.id, step);
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
  setSlice('lesson', { active: null, preset: null });
}

/** What the learner changed from the step's preset before this run. */
export function changedFromPreset(run: RunFacts, preset: LessonSlice['preset']): string[] {
  if (!preset) return [];
  return configDifferences(preset, { ...run.config, hiddenPanels: preset.hiddenPanels, classroom: preset.classroom });
}

/** A run that ended while a step was shown is that step's run: the lesson reads it (subscribed with onRunEnded from main.tsx). */
export function lessonRunEnded(event: RunEnd): void {
  const { lesson, run, metrics } = useAppStore.getState();
  if (!lesson.active || event.runId !== run.runId || run.runId <= lesson.sinceRunId || run.sweep || !run.config) return;
  const step = lessonById(lesson.active.id)?.steps[lesson.active.step];
  if (!step) return;
  const facts: RunFacts = {
    config: run.config,
    epochs: metrics.epochs,
    error: run.error,
    backend: run.backend,
    samplesPerSecond: run.samplesPerSecond > 0 ? run.samplesPerSecond : null,
    speeds: run.choice.speeds.map(({ backend, samplesPerSecond, reason }) => ({ backend, samplesPerSecond, reason })),
    software: run.choice.software,
  };
  update((slice) => {
    const results = slice.results.slice();
    results[lesson.active!.step] = facts;
    const done = slice.done.slice();
    const context = {
      prediction: predictionFor(slice, lesson.active!.step),
      changed: changedFromPreset(facts, slice.preset),
      earlier: results.slice(0, lesson.active!.step),
    };
    if (step.goal.met(facts, context)) done[lesson.active!.step] = true;
    return { results, done };
  });
}

/** The prediction a step's reading weighs: its own, or (a step that asks none) the latest one before it. */
export function predictionFor(slice: Pick<LessonSlice, 'predictions' | 'active'>, step: number): string | null {
  const own = slice.active ? lessonById(slice.active.id)?.steps[step]?.prediction : undefined;
  if (own) return slice.predictions[step] ?? null;
  for (let i = step - 1; i >= 0; i--) if (slice.predictions[i]) return slice.predictions[i];
  return null;
}

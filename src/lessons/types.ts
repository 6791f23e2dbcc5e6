// A lesson: a short sequence of steps, each one idea in a few sentences of
// our own, a preset experiment (a link's query, so it is seeded and
// shareable), a prediction the learner commits to before running, a goal the
// app detects from the run's numbers, and a reading computed from the
// learner's own run. Plain data and pure functions: one file per lesson.
import type { RunFacts } from './facts';

export interface Prediction {
  question: string;
  choices: readonly string[];
  /** The choice the run's numbers support (given the earlier steps' runs), for the lesson's own test. */
  answer(run: RunFacts, earlier: readonly (RunFacts | null)[]): string;
}

export interface StepContext {
  /** The choice the learner committed to, or null. */
  prediction: string | null;
  /** What the learner changed from the step's preset before the run, in words ("Learning rate 0.1 → 0.3"). */
  changed: readonly string[];
  /** The facts of the earlier steps' latest runs (null: not run yet). */
  earlier: readonly (RunFacts | null)[];
}

export interface LessonStep {
  title: string;
  /** A few sentences on one idea, in our words. */
  text: readonly string[];
  /** The experiment, as a link's query (`v=1&ds=…`): seeded, the same config a link carries. */
  preset: string;
  prediction?: Prediction;
  /** What to make happen, in words, and whether a run made it happen. */
  goal: { text: string; met(run: RunFacts, context: StepContext): boolean };
  /** What the learner's run showed: their numbers, whether the prediction held, and why. */
  reading(run: RunFacts, context: StepContext): string;
  /**
   * What the step measures besides its run's epochs: a random forest grown
   * on the same data and split (the page grows it when the run ends), the
   * trained model's answer to what the learner draws, or k-fold
   * cross-validation (the step's run is then k runs, one per fold, with the
   * preset's `kf`), or training one batch at a time (the step's button is
   * Step; each pause reads the losses and each layer's change). The facts
   * carry it once it is there (`run.forest`, `run.drawing`, `run.folds`,
   * `run.stepping`).
   */
  measure?: 'forest' | 'drawing' | 'folds' | 'steps';
  /**
   * Transfer: the step's run starts from the model an earlier step's run
   * trained (its index), on this step's data; when the classes differ its
   * output layer is replaced. The layers the preset freezes (`!`) stay frozen.
   */
  startFrom?: number;
  /** The run only scores the model on the validation split (with `startFrom`: the earlier model, before any training here). */
  evaluateOnly?: boolean;
}

export interface Lesson {
  /** In links: `#lesson=<id>&step=<n>`. */
  id: string;
  title: string;
  /** One line for the list of lessons. */
  summary: string;
  steps: readonly LessonStep[];
}

// Overfitting and its cures: a large network on 50 noisy points memorises
// them, and validation peels away from training; dropout, L2, early stopping
// and more data each narrow the gap, read against the learner's first run.
import { accuracyGap, changedWords, finalAccuracy, finalTrainAccuracy, fmt, foldSpread, predictionWords, type RunFacts } from './facts';
import type { Lesson, LessonStep, StepContext } from './types';

const NOISY = 'v=1&ds=synthetic&syn=xor&noise=0.3&vs=0.5&feat=x1,x2&opt=adam&lr=0.01&bs=10&ep=200&pace=max&until=0&seed=2';
const BIG = 'dense(64_relu)~dense(64_relu)';
const GAP = 0.2;
const peels = (run: RunFacts) => (accuracyGap(run) > GAP ? 'yes, by more than 0.2' : 'no, they stay together');
const NARROWER = 'narrower than without';
const WIDER = 'as wide or wider';

/** The first step's run, which every cure is read against. */
const baseline = ({ earlier }: StepContext): RunFacts | null => earlier[0] ?? null;
const narrowed = (run: RunFacts, context: StepContext) => {
  const before = baseline(context);
  return before !== null && accuracyGap(run) < accuracyGap(before);
};

/** A step that applies one cure to the first step's experiment and reads the gap against it. */
function cure(
  title: string,
  text: readonly string[],
  preset: string,
  cureName: string,
  why: (run: RunFacts, before: RunFacts | null) => string,
): LessonStep {
  return {
    title,
    text,
    preset,
    prediction: {
      question: `With ${cureName}, the gap between training and validation will be…`,
      choices: [NARROWER, WIDER],
      answer: () => NARROWER,
    },
    goal: { text: 'Close the gap: narrower than in your first step’s run.', met: narrowed },
    reading: (run, context) => {
      const before = baseline(context);
      return `With ${cureName}, training accuracy ended at ${fmt(finalTrainAccuracy(run))} and validation at ${fmt(finalAccuracy(run))}: a gap of ${fmt(accuracyGap(run))}${
        before
          ? `, against ${fmt(accuracyGap(before))} (validation ${fmt(finalAccuracy(before))}) in your first step`
          : ' (run the first step to compare)'
      }. ${predictionWords(context.prediction, narrowed(run, context) ? NARROWER : WIDER)} ${why(run, before)}${changedWords(context.changed)}`;
    },
  };
}

const SPREAD = 0.1;
const spreadAnswer = (run: RunFacts) => {
  const spread = foldSpread(run);
  // Rounded as the reading shows it: 0.750 - 0.650 is 0.1 to the learner, whatever the float says.
  return spread && Number((spread.high - spread.low).toFixed(3)) >= SPREAD ? `${SPREAD} or more` : `less than ${SPREAD}`;
};

/** Cross-validation: the first step's experiment scored on five folds, so one split's luck shows. */
const crossValidation: LessonStep = {
  title: 'Cross-validation',
  text: [
    'Every score so far came from one validation split: 50 points, drawn once. Another draw would give another score. k-fold cross-validation deals the points into k folds and trains k models, each validated on its own fold and trained on the rest.',
    'The first step’s network on its 100 points, five folds: each model trains on 80 and is scored on the other 20. Running this step trains the five one after another (the Sweeps view draws their curves).',
  ],
  preset: `${NOISY}&n=100&m=${BIG}&kf=5`,
  measure: 'folds',
  prediction: {
    question: 'From the lowest fold to the highest, validation accuracy will differ by…',
    choices: [`less than ${SPREAD}`, `${SPREAD} or more`],
    answer: spreadAnswer,
  },
  goal: {
    text: 'Score the network on five folds and read their spread: mean ± sd.',
    met: (run) => (run.folds?.length ?? 0) >= 2,
  },
  reading: (run, { prediction, changed, earlier }) => {
    const spread = foldSpread(run);
    if (!spread) return 'The folds’ scores appear here when the last fold has trained.';
    const scores = run.folds!.map((f) => fmt(f.validation.accuracy ?? Number.NaN)).join(', ');
    const first = earlier[0];
    return `Validation accuracy on the ${run.folds!.length} folds: ${scores}; mean ${fmt(spread.mean)} ± ${fmt(spread.sd)}, from ${fmt(spread.low)} to ${fmt(spread.high)}, with a mean training-minus-validation gap of ${fmt(spread.gap)}.${
      first
        ? ` Your first step’s one split said ${fmt(finalAccuracy(first))}${
            spread.mean - finalAccuracy(first) > spread.sd
              ? '; the folds score higher partly because each of their models trained on 80 points, not 50: more data again'
              : ''
          }.`
        : ''
    } ${predictionWords(prediction, spreadAnswer(run))} Cross-validation does not cure overfitting by itself: it measures it honestly. Choose between the cures by the mean over folds, and read the ± before calling one better: a difference smaller than the spread is luck of the split.${changedWords(changed)}`;
  },
};

export const overfitting: Lesson = {
  id: 'overfitting',
  title: 'Overfitting and its cures',
  summary: 'A big network on 50 noisy points memorises them; watch validation peel away, close the gap four ways, and cross-validate.',
  steps: [
    {
      title: 'Memorise the training set',
      text: [
        'A model overfits when it learns its training samples, noise and all, instead of the pattern behind them. Its training accuracy keeps climbing; on samples it has not seen, it does worse.',
        'Here: 50 training points of a noisy XOR, and two layers of 64 units: over four thousand weights for 50 points.',
      ],
      preset: `${NOISY}&n=100&m=${BIG}`,
      prediction: {
        question: 'Will the validation accuracy peel away from the training accuracy?',
        choices: ['yes, by more than 0.2', 'no, they stay together'],
        answer: peels,
      },
      goal: {
        text: `Make the validation curve peel away: a gap over ${GAP} between training and validation accuracy.`,
        met: (run) => accuracyGap(run) > GAP,
      },
      reading: (run, { prediction, changed }) =>
        `Training accuracy ended at ${fmt(finalTrainAccuracy(run))}, validation at ${fmt(finalAccuracy(run))}: a gap of ${fmt(accuracyGap(run))}. ${predictionWords(prediction, peels(run))} ${
          accuracyGap(run) > GAP
            ? 'The network had room to fit each noisy point; what it learned about those points does not carry over to new ones.'
            : 'The gap stayed small: this model (or what you changed) did not have the room, or the time, to memorise.'
        }${changedWords(changed)}`,
    },
    cure(
      'Dropout',
      [
        'Dropout switches off a random half of the units at every training step, so no unit can count on another to memorise a point. When the model predicts, every unit is on.',
        'The same network and data, with dropout 0.5 after each dense layer.',
      ],
      `${NOISY}&n=100&m=dense(64_relu)~dropout(0.5)~dense(64_relu)~dropout(0.5)`,
      'dropout',
      (run, before) =>
        before && finalTrainAccuracy(run) < finalTrainAccuracy(before)
          ? 'Dropout cost training accuracy and bought a model that relies less on any one point.'
          : 'Dropout did not cost training accuracy here: the network is large enough to memorise even with half its units off at each step.',
    ),
    cure(
      'L2 regularization',
      [
        'L2 regularization (weight decay) adds the sum of the squared weights to the loss, so every weight is pulled towards zero unless the data keeps pushing it away. Large weights are what a wiggly boundary around each noisy point needs.',
        'The first step’s experiment, with weight decay 0.01.',
      ],
      `${NOISY}&n=100&m=${BIG}&wd=0.01`,
      'L2 regularization',
      (run, before) =>
        before && finalAccuracy(run) > finalAccuracy(before)
          ? 'The penalty kept the boundary smooth: it could not bend around every point, so it fit fewer of them and did better on new ones.'
          : 'The penalty narrowed the gap without a better validation score: a smoother boundary, but not a more right one.',
    ),
    cure(
      'Early stopping',
      [
        'Early stopping watches the validation loss and stops when it has not improved for a while (the patience, here 10 epochs). It ends the run before memorising takes over.',
        'The first step’s experiment, with early stopping on.',
      ],
      `${NOISY}&n=100&m=${BIG}&es=1&pat=10`,
      'early stopping',
      (run) =>
        run.epochs.length < run.config.epochs
          ? `The run stopped after ${run.epochs.length} of its ${run.config.epochs} epochs, when the network had learned the broad pattern and not yet the noise.`
          : `It ran all ${run.config.epochs} epochs: the validation loss never stalled for the whole patience.`,
    ),
    cure(
      'More data',
      [
        'The surest cure is more data: 200 training points are harder to memorise than 50, and the noise in them averages out.',
        'The first step’s network, on four times as many points.',
      ],
      `${NOISY}&n=400&m=${BIG}`,
      'four times the data',
      (run, before) =>
        before && finalAccuracy(run) > finalAccuracy(before)
          ? 'With more points the same network could not bend around each one, and what it learned held on new points: validation rose.'
          : 'The gap narrowed, but validation did not rise: the noise, not the number of points, limits this set.',
    ),
    crossValidation,
  ],
};

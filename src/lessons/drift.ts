// Concept drift: a model trained once meets data that has moved; its score
// drops, and training on the data as it is now brings it back.
import { changedWords, changeWords, finalAccuracy, fmt, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const RING =
  'v=1&ds=synthetic&syn=circle&noise=0.05&n=400&vs=0.5&feat=x1,x2&m=dense(8_tanh)&opt=adam&lr=0.03&bs=10&ep=20&pace=fast&until=0&seed=1&dft=shift';
const DROP = 0.08;
const dropped = (run: RunFacts, before: RunFacts | null | undefined) => (before ? finalAccuracy(before) - finalAccuracy(run) : Number.NaN);

export const drift: Lesson = {
  id: 'drift',
  title: 'Concept drift: is training once enough?',
  summary: 'Train on a ring, then move the data under the model: the score drops; retraining brings it back.',
  steps: [
    {
      title: 'Trained and scored on the same world',
      text: [
        'A model is scored on data like the data it trained on. In use, the world moves on: prices rise, sensors age, people change their habits. The model does not.',
        'First the baseline: the ring, trained and validated as it is.',
      ],
      preset: `${RING}&dfa=0`,
      goal: { text: 'Fit the ring: validation accuracy of 0.9 or more.', met: (run) => finalAccuracy(run) >= 0.9 },
      reading: (run, { changed }) =>
        `Validation accuracy ended at ${fmt(finalAccuracy(run))} on data like the training data.${changedWords(changed)}`,
    },
    {
      title: 'The world moves',
      text: [
        'The same training, but the validation points have moved: shifted up and right by a quarter of the plane (drift amount 0.5). The model is trained on the old positions and scored on the new ones.',
      ],
      preset: `${RING}&dfa=0.5&dfv=1`,
      prediction: {
        question: 'On the moved points, validation accuracy will…',
        choices: [`drop by more than ${DROP}`, 'hold'],
        answer: (run, earlier) => (dropped(run, earlier[0]) > DROP ? `drop by more than ${DROP}` : 'hold'),
      },
      goal: {
        text: `See it decay: validation accuracy more than ${DROP} below the first step’s.`,
        met: (run, { earlier }) => dropped(run, earlier[0]) > DROP,
      },
      reading: (run, { prediction, changed, earlier }) =>
        `On the moved points, validation accuracy ended at ${fmt(finalAccuracy(run))}${
          earlier[0]
            ? `, ${changeWords(finalAccuracy(earlier[0]), finalAccuracy(run))} than on unmoved ones (${fmt(finalAccuracy(earlier[0]))})`
            : ''
        }. ${earlier[0] ? predictionWords(prediction, dropped(run, earlier[0]) > DROP ? `drop by more than ${DROP}` : 'hold') : 'Run the first step to compare.'} Its boundary is still where the ring used to be; the points near the edge have crossed it.${changedWords(changed)}`,
    },
    {
      title: 'Retrain on the new data',
      text: [
        'The cure is to keep training: on the data as it is now. Here the model trains and is scored on the moved ring. (After any run on a 2-D set, the Concept drift panel does this from your own trained weights: Score on drifted data, then Retrain on the new data.)',
      ],
      preset: `${RING}&dfa=0.5&dfon=1`,
      prediction: {
        question: 'Trained on the moved data, validation accuracy will…',
        choices: ['come back', 'stay low'],
        answer: (run, earlier) => (earlier[1] && finalAccuracy(run) > finalAccuracy(earlier[1]) + DROP ? 'come back' : 'stay low'),
      },
      goal: {
        text: 'Recover: back within 0.03 of the first step’s accuracy.',
        met: (run, { earlier }) =>
          earlier[0] !== null && earlier[0] !== undefined && finalAccuracy(run) >= finalAccuracy(earlier[0]) - 0.03,
      },
      reading: (run, { prediction, changed, earlier }) => {
        const [before, decayed] = earlier;
        const back = decayed !== null && decayed !== undefined && finalAccuracy(run) > finalAccuracy(decayed) + DROP;
        return `Trained on the moved ring, validation accuracy ended at ${fmt(finalAccuracy(run))}${
          decayed
            ? ` (the old model on it: ${fmt(finalAccuracy(decayed))}${before ? `; before the move: ${fmt(finalAccuracy(before))}` : ''})`
            : ''
        }. ${decayed ? predictionWords(prediction, back ? 'come back' : 'stay low') : 'Run the earlier steps to compare.'} Training once is not enough: a model in use needs its scores watched on new data, and retraining when they fall.${changedWords(changed)}`;
      },
    },
  ],
};

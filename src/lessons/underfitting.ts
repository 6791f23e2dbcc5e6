// Underfitting: a model too simple for the pattern fails even on the data
// it trains on; one hidden layer is enough for a ring.
import { changedWords, finalAccuracy, finalTrainAccuracy, fmt, hiddenUnits, predictionWords } from './facts';
import type { Lesson } from './types';

const RING = 'v=1&ds=synthetic&syn=circle&noise=0.05&n=400&vs=0.5&feat=x1,x2&opt=adam&lr=0.03&bs=10&ep=40&pace=fast&until=0&seed=1';

export const underfitting: Lesson = {
  id: 'underfitting',
  title: 'Underfitting: too simple a model',
  summary: 'A straight line cannot cut a ring from its centre; one hidden layer can.',
  steps: [
    {
      title: 'A straight line',
      text: [
        'With no hidden layer the network is a logistic regression: it can only draw one straight line across the plane.',
        'The orange ring surrounds the blue centre. No straight line separates them, however long it trains.',
      ],
      preset: `${RING}&m=`,
      prediction: {
        question: 'After 40 epochs, training accuracy (on the very points it learns from) will be…',
        choices: ['below 0.75', '0.75 or more'],
        answer: (run) => (finalTrainAccuracy(run) < 0.75 ? 'below 0.75' : '0.75 or more'),
      },
      goal: { text: 'See it underfit: training accuracy stays below 0.75.', met: (run) => finalTrainAccuracy(run) < 0.75 },
      reading: (run, { prediction, changed }) =>
        `Training accuracy ended at ${fmt(finalTrainAccuracy(run))} and validation at ${fmt(finalAccuracy(run))}, with ${hiddenUnits(run)} hidden units. ${predictionWords(
          prediction,
          finalTrainAccuracy(run) < 0.75 ? 'below 0.75' : '0.75 or more',
        )} ${finalTrainAccuracy(run) < 0.75 ? 'It fails on the points it trains on: more epochs or more data cannot fix a model that cannot draw the boundary. That is underfitting.' : 'It fit the training points: with what you changed, the model can draw a curved boundary.'}${changedWords(changed)}`,
    },
    {
      title: 'One hidden layer',
      text: ['Eight tanh units in one hidden layer can bend the boundary into a closed curve.'],
      preset: `${RING}&m=dense(8_tanh)`,
      prediction: {
        question: 'With 8 hidden units, validation accuracy will be…',
        choices: ['below 0.9', '0.9 or more'],
        answer: (run) => (finalAccuracy(run) < 0.9 ? 'below 0.9' : '0.9 or more'),
      },
      goal: {
        text: 'Fit the ring: 0.9 validation accuracy with at most 8 hidden units.',
        met: (run) => finalAccuracy(run) >= 0.9 && hiddenUnits(run) <= 8,
      },
      reading: (run, { prediction, changed, earlier }) =>
        `With ${hiddenUnits(run)} hidden units, training accuracy ended at ${fmt(finalTrainAccuracy(run))} and validation at ${fmt(finalAccuracy(run))}${
          earlier[0] ? `, against ${fmt(finalTrainAccuracy(earlier[0]))} and ${fmt(finalAccuracy(earlier[0]))} for the straight line` : ''
        }. ${predictionWords(prediction, finalAccuracy(run) < 0.9 ? 'below 0.9' : '0.9 or more')} The cure for underfitting is capacity: a model that can express the pattern.${changedWords(changed)}`,
    },
  ],
};

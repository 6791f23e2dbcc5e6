// Preprocessing: on a table whose columns differ by orders of magnitude
// (body mass in grams beside beak depth in millimetres), a network trained
// on the raw numbers is stuck; standardised columns train at once.
import { changedWords, finalAccuracy, finalLoss, fmt, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const PENGUINS =
  'v=1&ds=csv&src=sample:penguins&hdr=1&tgt=Species&task=classification&miss=drop&dup=0&ct=[]&m=dense(8_relu)&opt=sgd&lr=0.1&bs=16&ep=20&vs=0.3&pace=fast&until=0&seed=1';
const learned = (run: RunFacts) => (finalAccuracy(run) >= 0.9 ? 'learns the species' : 'stays stuck');

export const preprocessing: Lesson = {
  id: 'preprocessing',
  title: 'Preprocessing a table',
  summary: 'Grams beside millimetres: a network on raw columns is stuck; scaled columns train at once.',
  steps: [
    {
      title: 'Raw numbers',
      text: [
        'The penguins table has a body mass in grams (around 4,000) beside beak measurements in millimetres (around 15 to 50). Its island and sex are words: the app one-hot encodes them, one 0-or-1 input per value, and rows with a missing value are dropped (the Data panel shows both).',
        'Here scaling is off: the network sees the raw numbers. The first layer’s sums are dominated by body mass, thousands of times larger than the rest.',
      ],
      preset: `${PENGUINS}&scale=none`,
      prediction: {
        question: 'Trained on raw numbers, the network…',
        choices: ['learns the species', 'stays stuck'],
        answer: learned,
      },
      goal: { text: 'See it stuck: validation accuracy below 0.6.', met: (run) => finalAccuracy(run) < 0.6 },
      reading: (run, { prediction, changed }) =>
        `On raw columns, validation accuracy ended at ${fmt(finalAccuracy(run))} and the training loss at ${fmt(finalLoss(run))}. ${predictionWords(prediction, learned(run))} ${
          finalAccuracy(run) < 0.6
            ? 'Huge inputs make huge sums: the units saturate or die at the first steps, their gradients vanish, and the network settles on guessing the commonest species.'
            : 'It learned even so: with what you changed, the large column did not swamp the rest.'
        }${changedWords(changed)}`,
    },
    {
      title: 'Standardised columns',
      text: [
        'Standard scaling shifts and stretches each column to mean 0 and standard deviation 1, fitted on the training rows only (so the validation rows tell nothing to the scaler). Every input now starts on an equal footing.',
      ],
      preset: `${PENGUINS}&scale=standard`,
      prediction: {
        question: 'With standardised columns, the same network…',
        choices: ['learns the species', 'stays stuck'],
        answer: learned,
      },
      goal: { text: 'Learn the species: validation accuracy of 0.9 or more.', met: (run) => finalAccuracy(run) >= 0.9 },
      reading: (run, { prediction, changed, earlier }) =>
        `With standardised columns, validation accuracy ended at ${fmt(finalAccuracy(run))}${
          earlier[0] ? `, against ${fmt(finalAccuracy(earlier[0]))} on the raw numbers` : ''
        }. ${predictionWords(prediction, learned(run))} Same data, same network, same seed: only the scale of the inputs changed. Scaling is not a detail of preprocessing; for gradient descent it can be the whole difference.${changedWords(changed)}`,
    },
  ],
};

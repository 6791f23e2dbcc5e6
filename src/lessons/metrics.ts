// Metrics: accuracy against F1 when one class is rare.
import { changedWords, finalAccuracy, finalF1, fmt, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

// The ring's orange class kept at 5 % in both splits: 263 points per split, 13 of them orange.
const RARE =
  'v=1&ds=synthetic&syn=circle&noise=0.1&n=1000&vs=0.5&feat=x1,x2&opt=adam&lr=0.01&bs=10&ep=15&pace=fast&until=0&seed=1&imb=one&imc=1&ims=0.05&imv=1';
const parted = (run: RunFacts) => (finalAccuracy(run) - finalF1(run) > 0.2 ? 'much lower' : 'about as high');

export const metrics: Lesson = {
  id: 'metrics',
  title: 'Accuracy against F1 on a rare class',
  summary: 'When 95 % of the points are blue, answering blue scores 95 % accuracy. Macro F1 is not fooled.',
  steps: [
    {
      title: 'A rare class',
      text: [
        'Accuracy counts the right answers. When one class is 95 % of the data, a model that always answers it is right 95 % of the time, and useless for the rare class.',
        'Macro F1 averages each class’s F1 (the harmonic mean of its precision and recall), so the rare class counts as much as the common one.',
        'Here a straight-line model meets the ring with its orange points kept at 5 %.',
      ],
      preset: `${RARE}&m=`,
      prediction: { question: 'Accuracy will be high. Macro F1 will be…', choices: ['about as high', 'much lower'], answer: parted },
      goal: { text: 'See them part: accuracy over macro F1 by more than 0.2.', met: (run) => finalAccuracy(run) - finalF1(run) > 0.2 },
      reading: (run, { prediction, changed }) =>
        `Validation accuracy ${fmt(finalAccuracy(run))}, macro F1 ${fmt(finalF1(run))}. ${predictionWords(prediction, parted(run))} ${
          finalAccuracy(run) - finalF1(run) > 0.2
            ? 'The model answers blue nearly always: right for the 95 %, wrong for every orange point, whose F1 is near 0, so the mean of the two F1s is near a half.'
            : 'They stayed close: this model finds the rare class too.'
        }${changedWords(changed)}`,
    },
    {
      title: 'Weigh the rare class',
      text: [
        'Balanced class weights make each orange point count twenty times a blue one in the loss, and a hidden layer lets the model draw the ring.',
      ],
      preset: `${RARE}&m=dense(8_tanh)&cw=balanced&ep=30`,
      prediction: {
        question: 'With class weights and a hidden layer, macro F1 will…',
        choices: ['rise', 'stay or fall'],
        answer: () => 'rise',
      },
      goal: {
        text: 'Lift macro F1 above the first step’s.',
        met: (run, { earlier }) => earlier[0] !== null && earlier[0] !== undefined && finalF1(run) > finalF1(earlier[0]),
      },
      reading: (run, { prediction, changed, earlier }) => {
        const before = earlier[0];
        const answer = before && finalF1(run) > finalF1(before) ? 'rise' : 'stay or fall';
        return `Validation accuracy ${fmt(finalAccuracy(run))}, macro F1 ${fmt(finalF1(run))}${before ? ` (before: ${fmt(finalAccuracy(before))} and ${fmt(finalF1(before))})` : ''}. ${predictionWords(prediction, answer)} On imbalanced data, read F1 (and the confusion matrix) beside accuracy.${changedWords(changed)}`;
      },
    },
  ],
};

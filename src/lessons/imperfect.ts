// No model is perfect: a digit classifier still misses real digits, and it
// names a digit for anything at all, often with high confidence, because its
// ten outputs must sum to one. The second step reads the learner's drawing.
import { changedWords, drawnAnswer, finalAccuracy, fmt, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const MLP = 'v=1&ds=mnist-sample&m=flatten()~dense(128_relu)~dense(64_relu)&opt=adam&lr=0.001&bs=64&ep=2&tf=0.5&pace=max&until=0&seed=1';
const SURE = 0.5;

/** Validation digits the run got wrong, from its accuracy and the split's size. */
function missed(run: RunFacts): string {
  const last = run.epochs[run.epochs.length - 1];
  const total = last?.confusion?.flat().reduce((sum, count) => sum + count, 0) ?? 0;
  const accuracy = finalAccuracy(run);
  if (total === 0 || !Number.isFinite(accuracy)) return 'some validation digits';
  return `${Math.round((1 - accuracy) * total).toLocaleString('en-US')} of its ${total.toLocaleString('en-US')} validation digits`;
}

const fooled = (run: RunFacts) => {
  const answer = drawnAnswer(run);
  return answer && answer.confidence > SURE ? `name a digit with over ${SURE * 100} %` : `say no digit fits (none over ${SURE * 100} %)`;
};

export const imperfect: Lesson = {
  id: 'imperfect',
  title: 'No model is perfect',
  summary: 'A digit classifier misses real digits, and names a digit for a drawing of a house.',
  steps: [
    {
      title: 'Even on digits',
      text: [
        'A small network trains for two epochs on half of the bundled MNIST digits. It will do well, and not perfectly: some digits are ambiguous even to people, and the model has seen only a few thousand.',
      ],
      preset: MLP,
      prediction: {
        question: 'On the validation digits, accuracy will be…',
        choices: ['1.000: every digit right', 'below 1: some digits wrong'],
        answer: (run) => (finalAccuracy(run) >= 1 ? '1.000: every digit right' : 'below 1: some digits wrong'),
      },
      goal: {
        text: 'Train it past 0.85 validation accuracy, and count what it still gets wrong.',
        met: (run) => finalAccuracy(run) >= 0.85 && finalAccuracy(run) < 1,
      },
      reading: (run, { prediction, changed }) =>
        `Validation accuracy ${fmt(finalAccuracy(run))}: the model got ${missed(run)} wrong. ${predictionWords(
          prediction,
          finalAccuracy(run) >= 1 ? '1.000: every digit right' : 'below 1: some digits wrong',
        )} The misclassified digits view (Insights) shows them, worst first: many are digits a person would hesitate over.${changedWords(changed)}`,
    },
    {
      title: 'Draw something that is not a digit',
      text: [
        'Train the same model, then draw something that is not a digit in “Try it yourself: draw” under Insights: a house, a star, a face.',
        'The last layer is a softmax: ten numbers that always sum to one. There is no output for “none of these”, so the model must share all its belief among the digits.',
      ],
      preset: MLP,
      measure: 'drawing',
      prediction: {
        question: 'For a drawing of a house, the model will…',
        choices: [`say no digit fits (none over ${SURE * 100} %)`, `name a digit with over ${SURE * 100} %`],
        answer: fooled,
      },
      goal: {
        text: `Draw something that is not a digit and get a digit named with over ${SURE * 100} % confidence.`,
        met: (run) => (drawnAnswer(run)?.confidence ?? 0) > SURE,
      },
      reading: (run, { prediction, changed }) => {
        const answer = drawnAnswer(run);
        if (!answer)
          return `The model is trained (validation accuracy ${fmt(finalAccuracy(run))}). Now draw something that is not a digit in “Try it yourself: draw” under Insights.`;
        const sure = answer.confidence > SURE;
        return `For your drawing the model answered “${answer.name}” with ${fmt(answer.confidence * 100, 1)} % confidence, after ${fmt(finalAccuracy(run))} validation accuracy on real digits. ${predictionWords(
          prediction,
          fooled(run),
        )} ${
          sure
            ? 'It is confident about something it has never seen: a high probability says how the drawing compares with the ten digits, not that it is a digit. A model knows only its training data; outside it, its confidence means little.'
            : 'This time it spread its belief: no digit got over half. Try another shape; some will be named confidently, and none can be answered with “not a digit”.'
        }${changedWords(changed)}`;
      },
    },
  ],
};

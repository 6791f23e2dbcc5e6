// Gradient descent and the learning rate: too small crawls, too large
// bounces or blows up, and in between the model learns.
import { diverged, epochReaching, finalAccuracy, finalLoss, fmt, predictionWords, changedWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const CIRCLE =
  'v=1&ds=synthetic&syn=circle&noise=0.05&n=400&vs=0.5&feat=x1,x2&m=dense(8_tanh)~dense(8_tanh)&opt=sgd&bs=10&ep=20&pace=fast&until=0&seed=1';
const bucket = (run: RunFacts) => {
  const accuracy = finalAccuracy(run);
  return accuracy < 0.7 ? 'below 0.7' : accuracy < 0.9 ? '0.7 to 0.9' : '0.9 or more';
};
const buckets = ['below 0.7', '0.7 to 0.9', '0.9 or more'] as const;
const firstLoss = (run: RunFacts) => run.epochs[0]?.train.loss ?? Number.NaN;

export const learningRate: Lesson = {
  id: 'learning-rate',
  title: 'Gradient descent and the learning rate',
  summary: 'Too small crawls, too large blows up: find the rate in between on a ring of points.',
  steps: [
    {
      title: 'A tiny step',
      text: [
        'Gradient descent moves every weight a little against its gradient, batch after batch. The learning rate is how far each move goes.',
        'Here it is 0.0005: each step is tiny. The network could separate the ring from its centre, but will it get there in 20 epochs?',
      ],
      preset: `${CIRCLE}&lr=0.0005`,
      prediction: { question: 'After 20 epochs at learning rate 0.0005, validation accuracy will be…', choices: buckets, answer: bucket },
      goal: {
        text: 'Train 20 epochs and watch the loss crawl: it falls by less than a tenth.',
        met: (run) => run.epochs.length >= 20 && finalLoss(run) > 0.9 * firstLoss(run),
      },
      reading: (run, { prediction, changed }) =>
        `Your training loss went from ${fmt(firstLoss(run))} after the first epoch to ${fmt(finalLoss(run))} after ${run.epochs.length}, and validation accuracy ended at ${fmt(finalAccuracy(run))}. ${predictionWords(prediction, bucket(run))} ${
          finalLoss(run) > 0.9 * firstLoss(run)
            ? 'The steps were too small to get anywhere in this time: the gradient pointed the right way, but each move was a crawl.'
            : 'The loss fell further than a crawl: this rate (or what you changed) moved the weights faster.'
        }${changedWords(changed)}`,
    },
    {
      title: 'A giant leap',
      text: [
        'Now the learning rate is 8: sixteen thousand times larger. Each step jumps so far that it overshoots the bottom of the loss and lands higher up the other side.',
      ],
      preset: `${CIRCLE}&lr=8`,
      prediction: { question: 'At learning rate 8, validation accuracy after 20 epochs will be…', choices: buckets, answer: bucket },
      goal: {
        text: 'See it fail: the loss ends no lower than it began, or blows up.',
        met: (run) => diverged(run) || !(finalLoss(run) < firstLoss(run) * 0.9),
      },
      reading: (run, { prediction, changed }) =>
        `${
          diverged(run)
            ? `The loss blew up${run.epochs.length > 0 ? ` (its last finite value ${fmt(run.epochs.filter((e) => Number.isFinite(e.train.loss)).at(-1)?.train.loss ?? Number.NaN)})` : ''}: each step overshot further than the one before.`
            : `The loss went from ${fmt(firstLoss(run))} to ${fmt(finalLoss(run))}: the steps bounced across the valley instead of going down it.`
        } Validation accuracy ended at ${fmt(finalAccuracy(run))}. ${predictionWords(prediction, bucket(run))}${changedWords(changed)}`,
    },
    {
      title: 'In between',
      text: ['At 0.3 each step is large enough to make progress and small enough not to overshoot.'],
      preset: `${CIRCLE}&lr=0.3`,
      prediction: { question: 'At learning rate 0.3, validation accuracy after 20 epochs will be…', choices: buckets, answer: bucket },
      goal: { text: 'Reach 0.9 validation accuracy within 20 epochs.', met: (run) => epochReaching(run, 0.9) !== null },
      reading: (run, { prediction, changed, earlier }) => {
        const reached = epochReaching(run, 0.9);
        const small = earlier[0] ? ` At 0.0005 it ended at ${fmt(finalAccuracy(earlier[0]))}.` : '';
        return `${reached !== null ? `Validation accuracy reached 0.9 at epoch ${reached}` : 'Validation accuracy did not reach 0.9'} and ended at ${fmt(finalAccuracy(run))}.${small} ${predictionWords(prediction, bucket(run))} The same network and data learn or not by the learning rate alone.${changedWords(changed)}`;
      },
    },
  ],
};

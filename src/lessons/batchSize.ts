// Batch size: with the epochs fixed, the batch size sets how many weight
// updates a run makes; a larger batch gives a steadier gradient, which bears
// a larger learning rate.
import { changedWords, finalAccuracy, finalSteps, fmt, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const RING = 'v=1&ds=synthetic&syn=circle&noise=0.05&n=400&vs=0.5&feat=x1,x2&m=dense(8_tanh)&opt=sgd&ep=10&pace=fast&until=0&seed=1';
const best = (runs: readonly (RunFacts | null)[]) =>
  runs.filter((run): run is RunFacts => run !== null).sort((a, b) => finalAccuracy(b) - finalAccuracy(a))[0] ?? null;
const updates = (run: RunFacts) => `${finalSteps(run).toLocaleString('en-US')} weight updates`;

export const batchSize: Lesson = {
  id: 'batch-size',
  title: 'Batch size',
  summary: 'The same ten epochs in 20, 200 or 2,000 steps, and a large batch that bears a large learning rate.',
  steps: [
    {
      title: 'Batches of 100',
      text: [
        'Each training step averages the gradient over one batch of samples, then moves the weights once. With 200 training points, batches of 100 make two steps an epoch.',
        'Plain SGD, learning rate 0.03, ten epochs.',
      ],
      preset: `${RING}&bs=100&lr=0.03`,
      goal: { text: 'Train ten epochs and count the weight updates.', met: (run) => run.epochs.length >= 10 },
      reading: (run, { changed }) =>
        `Ten epochs in batches of ${run.config.batchSize} made ${updates(run)}; validation accuracy ended at ${fmt(finalAccuracy(run))}.${changedWords(changed)}`,
    },
    {
      title: 'Batches of 10, then of 1',
      text: [
        'Smaller batches make more steps from the same data: batches of 10 make 20 steps an epoch, batches of 1 make 200. Each step’s gradient is noisier, from fewer samples, but there are many more of them.',
        'Run it with batches of 10, then set the batch size to 1 and run again.',
      ],
      preset: `${RING}&bs=10&lr=0.03`,
      prediction: {
        question: 'In the same ten epochs, batches of 10 will reach…',
        choices: ['a higher validation accuracy', 'the same or lower'],
        answer: (run, earlier) =>
          earlier[0] && finalAccuracy(run) > finalAccuracy(earlier[0]) ? 'a higher validation accuracy' : 'the same or lower',
      },
      goal: {
        text: 'Beat batches of 100 in the same ten epochs.',
        met: (run, { earlier }) => earlier[0] !== null && earlier[0] !== undefined && finalAccuracy(run) > finalAccuracy(earlier[0]),
      },
      reading: (run, { prediction, changed, earlier }) => {
        const before = earlier[0];
        const higher = before !== null && before !== undefined && finalAccuracy(run) > finalAccuracy(before);
        return `Batches of ${run.config.batchSize}: ${updates(run)} and validation accuracy ${fmt(finalAccuracy(run))}${
          before ? `, against ${updates(before)} and ${fmt(finalAccuracy(before))} with batches of ${before.config.batchSize}` : ''
        }. ${predictionWords(prediction, higher ? 'a higher validation accuracy' : 'the same or lower')} Counted in epochs, small batches learn faster because they update more often. Counted in seconds it can go the other way: a GPU computes a batch of 100 nearly as fast as a batch of 1.${changedWords(changed)}`;
      },
    },
    {
      title: 'A large batch, a large rate',
      text: [
        'A gradient averaged over 100 samples is steadier than one from a single sample, so it can be trusted for a longer step. Back to batches of 100, with the learning rate raised from 0.03 to 1.',
      ],
      preset: `${RING}&bs=100&lr=1`,
      prediction: {
        question: 'Batches of 100 at learning rate 1, in 20 weight updates, will end…',
        choices: ['within 0.05 of the best run so far', 'far behind it'],
        answer: (run, earlier) => {
          const top = best(earlier);
          return top && finalAccuracy(run) >= finalAccuracy(top) - 0.05 ? 'within 0.05 of the best run so far' : 'far behind it';
        },
      },
      goal: {
        text: 'Recover with the large batch: at least 0.15 above the first step’s batches of 100 at 0.03.',
        met: (run, { earlier }) =>
          earlier[0] !== null && earlier[0] !== undefined && finalAccuracy(run) >= finalAccuracy(earlier[0]) + 0.15,
      },
      reading: (run, { prediction, changed, earlier }) => {
        const top = best(earlier);
        const close = top !== null && finalAccuracy(run) >= finalAccuracy(top) - 0.05;
        return `At learning rate ${run.config.learningRate}, batches of ${run.config.batchSize} made ${updates(run)} and reached ${fmt(finalAccuracy(run))}${
          earlier[0] ? ` (at 0.03: ${fmt(finalAccuracy(earlier[0]))})` : ''
        }${top ? `; your best run so far reached ${fmt(finalAccuracy(top))} with batches of ${top.config.batchSize}` : ''}. ${
          top
            ? predictionWords(prediction, close ? 'within 0.05 of the best run so far' : 'far behind it')
            : 'Run the earlier steps to compare.'
        } Batch size and learning rate go together: a larger batch bears a larger step, which is how large models are trained on many GPUs at once.${changedWords(changed)}`;
      },
    },
  ],
};

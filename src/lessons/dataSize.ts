// Data size: more training data helps a lot at first, then hardly at all.
// The misconception "more data is always better" meets the flat end of the
// curve. One validation set throughout: only the training share changes.
import { changedWords, changeWords, finalAccuracy, finalSteps, fmt, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const XOR =
  'v=1&ds=synthetic&syn=xor&noise=0.2&n=2000&vs=0.5&feat=x1,x2&m=dense(8_tanh)&opt=adam&lr=0.03&bs=10&ep=30&pace=max&until=0&seed=1';
/** Validation gained from `before` to `run`. */
const gain = (run: RunFacts, before: RunFacts | null | undefined) => (before ? finalAccuracy(run) - finalAccuracy(before) : Number.NaN);
const FLAT = 0.02;
const rose = (run: RunFacts, before: RunFacts | null | undefined) => (before && gain(run, before) >= FLAT ? 'clearly' : 'hardly at all');

export const dataSize: Lesson = {
  id: 'data-size',
  title: 'How much data?',
  summary: 'Twenty points, a hundred, a thousand: see where more data stops paying.',
  steps: [
    {
      title: '2 % of the data',
      text: [
        'A model learns the pattern from its training samples; with too few, it learns those samples instead. Here the same network trains on 2 % of the training split of a noisy XOR: 20 points.',
        'Every step of this lesson scores on the same 1,000 validation points, so only the amount of training data changes.',
      ],
      preset: `${XOR}&tf=0.02`,
      goal: { text: 'Train on 20 points and note the validation accuracy.', met: (run) => run.epochs.length > 0 },
      reading: (run, { changed }) =>
        `On 20 training points, validation accuracy ended at ${fmt(finalAccuracy(run))} after ${finalSteps(run).toLocaleString('en-US')} weight updates.${changedWords(changed)}`,
    },
    {
      title: '10 % of the data',
      text: ['Five times as much: 100 training points, the same network and the same validation points.'],
      preset: `${XOR}&tf=0.1`,
      prediction: {
        question: 'With five times the data, validation accuracy will rise…',
        choices: ['clearly', 'hardly at all'],
        answer: (run, earlier) => rose(run, earlier[0]),
      },
      goal: {
        text: 'Beat the 20-point run on validation accuracy.',
        met: (run, { earlier }) => gain(run, earlier[0]) > 0,
      },
      reading: (run, { prediction, changed, earlier }) =>
        `On 100 points, validation accuracy ended at ${fmt(finalAccuracy(run))}${
          earlier[0] ? `, ${changeWords(finalAccuracy(earlier[0]), finalAccuracy(run))} than on 20` : ''
        }. ${predictionWords(prediction, rose(run, earlier[0]))} With 20 points the boundary is a guess between a few samples; 100 show its shape.${changedWords(changed)}`,
    },
    {
      title: 'All of it',
      text: [
        'Now ten times as much again: all 1,000 training points. It takes ten times the weight updates per epoch.',
        'A common belief is that more data is always better. It never hurts a model like this one, but whether it helps depends on what limits the model now: the data, or the noise and the model itself.',
      ],
      preset: `${XOR}&tf=1`,
      prediction: {
        question: 'With ten times the data again, validation accuracy will rise…',
        choices: ['clearly', 'hardly at all'],
        answer: (run, earlier) => rose(run, earlier[1]),
      },
      goal: {
        text: `Find where the curve flattens: ten times the data moves validation accuracy by less than ${FLAT}.`,
        met: (run, { earlier }) => earlier[1] !== null && earlier[1] !== undefined && Math.abs(gain(run, earlier[1])) < FLAT,
      },
      reading: (run, context) => {
        const [twenty, hundred] = context.earlier;
        return `On 1,000 points, validation accuracy ended at ${fmt(finalAccuracy(run))} after ${finalSteps(run).toLocaleString('en-US')} weight updates${
          hundred
            ? ` (on 100: ${fmt(finalAccuracy(hundred))} after ${finalSteps(hundred).toLocaleString('en-US')}${twenty ? `; on 20: ${fmt(finalAccuracy(twenty))}` : ''})`
            : ''
        }. ${hundred ? predictionWords(context.prediction, rose(run, hundred)) : 'Run the 100-point step to compare.'} ${
          !hundred
            ? ''
            : rose(run, hundred) === 'hardly at all'
              ? 'The curve has flattened: what is left is the noise in the labels and the shape this network can draw, and more points of the same kind do not change either. More data costs time; here it bought almost nothing.'
              : 'The curve has not flattened yet here: this run still gained from more data.'
        }${changedWords(context.changed)}`;
      },
    },
  ],
};

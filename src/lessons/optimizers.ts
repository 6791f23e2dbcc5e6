// Optimizers: the same network and data, plain SGD against Adam, to 90 %.
import { changedWords, epochReaching, finalAccuracy, fmt, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const RING = 'v=1&ds=synthetic&syn=circle&noise=0.05&n=400&vs=0.5&feat=x1,x2&m=dense(8_relu)&bs=10&ep=60&pace=fast&until=0&seed=3';
const TARGET = 0.9;
const reached = (run: RunFacts) => epochReaching(run, TARGET);
const when = (run: RunFacts) => {
  const epoch = reached(run);
  return epoch === null ? `had not reached ${TARGET} after ${run.epochs.length} epochs` : `reached ${TARGET} at epoch ${epoch}`;
};
const first = (sgd: RunFacts | null, adam: RunFacts) => {
  const a = reached(adam) ?? Infinity;
  const s = sgd ? (reached(sgd) ?? Infinity) : Infinity;
  return a < s ? 'Adam' : s < a ? 'SGD' : 'neither, or a tie';
};

export const optimizers: Lesson = {
  id: 'optimizers',
  title: 'Optimizers: SGD against Adam',
  summary: 'Which reaches 90 % first on the same ring: plain gradient descent, or Adam?',
  steps: [
    {
      title: 'Plain SGD',
      text: [
        'Stochastic gradient descent moves each weight by the learning rate times its gradient, the same rule for every weight. Here the rate is 0.01.',
        'Adam, in the next step, keeps a running mean of each weight’s gradients and of their squares, and scales each weight’s step by them: weights with small, steady gradients get larger steps.',
      ],
      preset: `${RING}&opt=sgd&lr=0.01`,
      prediction: {
        question: 'Which will reach 90 % validation accuracy first?',
        choices: ['SGD', 'Adam', 'neither, or a tie'],
        answer: () => 'Adam',
      },
      goal: { text: `Train SGD for 60 epochs and note when it reaches ${TARGET}.`, met: (run) => run.epochs.length >= 60 },
      reading: (run, { changed }) =>
        `SGD at learning rate ${run.config.learningRate} ${when(run)}; validation accuracy ended at ${fmt(finalAccuracy(run))}. Now Adam.${changedWords(changed)}`,
    },
    {
      title: 'Adam',
      text: ['The same network, data, seed and learning rate (0.01), with Adam’s update rule.'],
      preset: `${RING}&opt=adam&lr=0.01`,
      goal: {
        text: `Adam reaches ${TARGET} in fewer epochs than SGD did.`,
        met: (run, { earlier }) => reached(run) !== null && (earlier[0] ? (reached(earlier[0]) ?? Infinity) > reached(run)! : false),
      },
      reading: (run, { prediction, changed, earlier }) =>
        `Adam ${when(run)} and ended at ${fmt(finalAccuracy(run))} validation accuracy${earlier[0] ? `; SGD ${when(earlier[0])}` : ' (run the first step to compare)'}. ${predictionWords(
          prediction,
          first(earlier[0] ?? null, run),
        )} Per-weight step sizes let Adam move fast along the shallow directions where SGD crawls. The article's iterations-to-convergence table is illustrative; these are your numbers, from this run.${changedWords(changed)}`,
    },
  ],
};

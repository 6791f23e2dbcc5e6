// Optimizers: the same network and data, plain SGD against Adam, momentum
// and RMSprop, to 90 %; the last step redraws the iterations-to-convergence
// table from the learner's own four runs.
import { changedWords, epochReaching, finalAccuracy, fmt, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const RING = 'v=1&ds=synthetic&syn=circle&noise=0.05&n=400&vs=0.5&feat=x1,x2&m=dense(8_relu)&bs=10&ep=60&pace=fast&until=0&seed=3';
const TARGET = 0.9;
const reached = (run: RunFacts) => epochReaching(run, TARGET);
const when = (run: RunFacts) => {
  const epoch = reached(run);
  return epoch === null ? `had not reached ${TARGET} after ${run.epochs.length} epochs` : `reached ${TARGET} at epoch ${epoch}`;
};
const NAMES: Record<string, string> = { sgd: 'SGD', adam: 'Adam', momentum: 'Momentum', rmsprop: 'RMSprop' };
const nameOf = (run: RunFacts) => NAMES[run.config.optimizer] ?? run.config.optimizer;
/** Steps (batches) to the target, or null. */
const stepsTo = (run: RunFacts) => run.epochs.find((point) => (point.validation.accuracy ?? 0) >= TARGET)?.step ?? null;
const beatsSgd = (run: RunFacts, sgd: RunFacts | null | undefined) =>
  reached(run) !== null && sgd !== null && sgd !== undefined && (reached(sgd) ?? Infinity) > reached(run)!;
/** The runs so far, fastest to the target first, as a table in words. */
function table(runs: readonly (RunFacts | null | undefined)[]): string {
  const rows = runs
    .filter((run): run is RunFacts => run !== null && run !== undefined)
    .sort((a, b) => (stepsTo(a) ?? Infinity) - (stepsTo(b) ?? Infinity));
  return rows
    .map(
      (run) =>
        `${nameOf(run)}: ${stepsTo(run) === null ? `not in ${run.epochs.length} epochs` : `${stepsTo(run)!.toLocaleString('en-US')} steps (epoch ${reached(run)})`}`,
    )
    .join('; ');
}
const fastest = (runs: readonly (RunFacts | null | undefined)[]) =>
  runs
    .filter((run): run is RunFacts => run !== null && run !== undefined && stepsTo(run) !== null)
    .sort((a, b) => stepsTo(a)! - stepsTo(b)!)[0] ?? null;

/** Plain SGD was the last of the runs to reach the target (or never did). */
const slowestIsSgd = (runs: readonly (RunFacts | null | undefined)[]) => {
  const done = runs.filter((run): run is RunFacts => run !== null && run !== undefined);
  const sgd = done.find((run) => run.config.optimizer === 'sgd');
  return sgd !== undefined && done.every((run) => run === sgd || (stepsTo(run) ?? Infinity) <= (stepsTo(sgd) ?? Infinity));
};

const first = (sgd: RunFacts | null, adam: RunFacts) => {
  const a = reached(adam) ?? Infinity;
  const s = sgd ? (reached(sgd) ?? Infinity) : Infinity;
  return a < s ? 'Adam' : s < a ? 'SGD' : 'neither, or a tie';
};

export const optimizers: Lesson = {
  id: 'optimizers',
  title: 'Optimizers: which gets there first?',
  summary: 'SGD, Adam, momentum and RMSprop race to 90 % on the same ring: the iterations-to-convergence table, measured.',
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
        )} Per-weight step sizes let Adam move fast along the shallow directions where SGD crawls.${changedWords(changed)}`,
    },
    {
      title: 'Momentum',
      text: [
        'Momentum keeps SGD’s single rule but adds a velocity: each step is the gradient plus 0.9 of the step before, so steps along a steady slope build up speed while zig-zags across a valley cancel out.',
      ],
      preset: `${RING}&opt=momentum&lr=0.01`,
      prediction: {
        question: 'Against Adam, momentum will reach 90 %…',
        choices: ['sooner', 'at the same epoch or later'],
        answer: (run, earlier) =>
          earlier[1] && (reached(run) ?? Infinity) < (reached(earlier[1]) ?? Infinity) ? 'sooner' : 'at the same epoch or later',
      },
      goal: { text: `Momentum reaches ${TARGET} in fewer epochs than SGD did.`, met: (run, { earlier }) => beatsSgd(run, earlier[0]) },
      reading: (run, { prediction, changed, earlier }) => {
        const adam = earlier[1];
        const sooner = adam !== null && adam !== undefined && (reached(run) ?? Infinity) < (reached(adam) ?? Infinity);
        return `Momentum ${when(run)} and ended at ${fmt(finalAccuracy(run))}${adam ? `; Adam ${when(adam)}` : ''}${earlier[0] ? `; SGD ${when(earlier[0])}` : ''}. ${
          adam ? predictionWords(prediction, sooner ? 'sooner' : 'at the same epoch or later') : 'Run the Adam step to compare.'
        } One number of memory per weight is enough to turn SGD’s crawl into a run.${changedWords(changed)}`;
      },
    },
    {
      title: 'RMSprop, and the whole table',
      text: [
        'RMSprop divides each weight’s step by a running average of its squared gradients: Adam without the momentum half. With it, you have the four rows of the classic iterations-to-convergence table, measured on your machine.',
      ],
      preset: `${RING}&opt=rmsprop&lr=0.01`,
      goal: { text: `RMSprop reaches ${TARGET} in fewer epochs than SGD did.`, met: (run, { earlier }) => beatsSgd(run, earlier[0]) },
      reading: (run, { changed, earlier }) => {
        const runs = [...earlier, run];
        const top = fastest(runs);
        const adam = earlier[1];
        return `RMSprop ${when(run)} and ended at ${fmt(finalAccuracy(run))}. Steps to ${TARGET} validation accuracy, batches of 10, your runs: ${table(runs)}. ${
          top === null
            ? ''
            : nameOf(top) === 'Adam' || (adam && stepsTo(adam) === stepsTo(top))
              ? 'Adam is at the top, as in the usual table.'
              : `Tables in courses usually put Adam first; on this ring ${nameOf(top)} got there first${adam ? `, in ${stepsTo(top)!.toLocaleString('en-US')} steps against Adam's ${stepsTo(adam)?.toLocaleString('en-US') ?? 'none'}` : ''}. Their numbers are illustrative; these are measured, and they differ.`
        } The ranking depends on the problem, the learning rate and the seed${slowestIsSgd(runs) ? '; what held in your runs is that plain SGD was the slowest' : ''}.${changedWords(changed)}`;
      },
    },
  ],
};

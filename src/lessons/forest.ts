// The random forest beside the network: on a table, trees split on
// thresholds and do not care how the columns are scaled; on a spiral a small
// network loses to the forest, and one given room overtakes it. Each step
// grows a forest on the run's own data and split when the run ends.
import { changedWords, finalAccuracy, fmt, forestAccuracy, forestTrainAccuracy, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const PENGUINS =
  'v=1&ds=csv&src=sample:penguins&hdr=1&tgt=Species&task=classification&miss=drop&dup=0&ct=[]&scale=none&m=dense(8_relu)&opt=sgd&lr=0.1&bs=16&ep=20&vs=0.3&pace=fast&until=0&seed=1';
const SPIRAL = 'v=1&ds=synthetic&syn=spiral&noise=0&n=300&vs=0.5&feat=x1,x2&opt=adam&bs=10&pace=fast&until=0&seed=1';

const ahead = (run: RunFacts) => (forestAccuracy(run) > finalAccuracy(run) ? 'the forest' : 'the network');
const growing = (run: RunFacts) =>
  run.forest === null
    ? `The network reached ${fmt(finalAccuracy(run))}, but no forest could grow on this data (a forest takes tables and 2-D points, not images): go back to the step’s preset to compare them.`
    : `The network reached ${fmt(finalAccuracy(run))}. The forest is growing on the same split; its score appears here when it is done.`;
const both = (run: RunFacts) =>
  `The network reached ${fmt(finalAccuracy(run))} validation accuracy; the forest of ${run.forest!.trees} trees, grown on the same split in ${run.forest!.seconds.toFixed(1)} s, ${fmt(forestAccuracy(run))} (${fmt(forestTrainAccuracy(run))} on its own training points).`;

export const forest: Lesson = {
  id: 'forest',
  title: 'A random forest beside the network',
  summary: 'Trees need no scaling and no learning rate; a network needs room to beat them.',
  steps: [
    {
      title: 'Trees do not care about scale',
      text: [
        'A random forest is many decision trees, each grown on a resampled copy of the training data, voting together. A tree asks questions like “is body mass over 4,200 g?”: a threshold on one column at a time.',
        'This table is not scaled: body mass is in thousands of grams, beak depth in tens of millimetres. The network trains on those raw numbers with plain SGD. When the run ends, a forest grows on the very same rows.',
      ],
      preset: PENGUINS,
      measure: 'forest',
      prediction: {
        question: 'On the unscaled table, which scores higher on validation?',
        choices: ['the forest', 'the network'],
        answer: ahead,
      },
      goal: {
        text: 'See the forest reach 0.9 on columns the network cannot use unscaled.',
        met: (run) => forestAccuracy(run) >= 0.9 && finalAccuracy(run) < 0.9,
      },
      reading: (run, { prediction, changed }) =>
        run.forest
          ? `${both(run)} ${predictionWords(prediction, ahead(run))} ${
              forestAccuracy(run) - finalAccuracy(run) > 0.2
                ? 'A threshold does not change when a column is multiplied by a thousand, so the forest is blind to scale; the network’s gradient is ruled by the largest column. Scaling the columns (the preprocessing lesson) is what the network needs, not the forest.'
                : 'They scored close: with what you changed, the network can use these columns too.'
            }${changedWords(changed)}`
          : growing(run),
    },
    {
      title: 'A spiral and a small network',
      text: [
        'Two arms of a spiral, wound around each other, with no noise. A network of two layers of 16 tanh units trains for 80 epochs; then the forest grows on the same points.',
        'A tree can only cut the plane into rectangles, so the forest draws the spiral as a staircase of boxes.',
      ],
      preset: `${SPIRAL}&m=dense(16_tanh)~dense(16_tanh)&lr=0.03&ep=80`,
      measure: 'forest',
      prediction: {
        question: 'After 80 epochs, which scores higher on validation?',
        choices: ['the forest', 'the network'],
        answer: ahead,
      },
      goal: { text: 'See the forest ahead of the small network.', met: (run) => forestAccuracy(run) > finalAccuracy(run) },
      reading: (run, { prediction, changed }) =>
        run.forest
          ? `${both(run)} ${predictionWords(prediction, ahead(run))} ${
              forestAccuracy(run) > finalAccuracy(run)
                ? 'Out of the box, with no learning rate to choose, the forest is the stronger baseline here: a network has to earn its place.'
                : 'The network is ahead already: what you changed gave it what it needed.'
            }${changedWords(changed)}`
          : growing(run),
    },
    {
      title: 'Give the network room',
      text: [
        'Three layers of 32 ReLU units, a smaller learning rate and 200 epochs. The forest grows again on the same points, so the only change is the network.',
      ],
      preset: `${SPIRAL}&m=dense(32_relu)~dense(32_relu)~dense(32_relu)&lr=0.01&ep=200`,
      measure: 'forest',
      prediction: {
        question: 'Given room, the network will…',
        choices: ['overtake the forest', 'stay behind the forest'],
        answer: (run) => (finalAccuracy(run) > forestAccuracy(run) ? 'overtake the forest' : 'stay behind the forest'),
      },
      goal: { text: 'Make the network beat the forest on validation.', met: (run) => finalAccuracy(run) > forestAccuracy(run) },
      reading: (run, { prediction, changed, earlier }) => {
        if (!run.forest) return growing(run);
        const small = earlier[1];
        const answer = finalAccuracy(run) > forestAccuracy(run) ? 'overtake the forest' : 'stay behind the forest';
        return `${both(run)}${small ? ` The small network had ${fmt(finalAccuracy(small))}.` : ''} ${predictionWords(prediction, answer)} ${
          answer === 'overtake the forest'
            ? 'A smooth curve is what a network draws well and a forest only approximates with boxes. Which wins depends on the data and on the work put into the network: try the forest first, and keep the network when it earns it.'
            : 'The forest is still ahead: the network needs more room or more epochs.'
        }${changedWords(changed)}`;
      },
    },
  ],
};

// Backpropagation, one batch at a time: every Step changes the weights of
// every layer, by −learning rate × the gradient that backpropagation carried
// back from the loss; in a deep stack of sigmoids that gradient fades on
// its way to the first layer. The steps are read from the network picture.
import { changedWords, fmt, layerName, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const RING = 'v=1&ds=synthetic&syn=circle&noise=0.05&n=200&vs=0.5&feat=x1,x2&opt=sgd&bs=10&ep=20&pace=watch&until=0&seed=1';
const STEPS = 5;

const layersOf = (run: RunFacts) => run.stepping?.layers ?? [];
const everyLayer = (run: RunFacts) => layersOf(run).length > 0 && layersOf(run).every((layer) => layer.meanChange > 0);
const moved = (run: RunFacts) => (everyLayer(run) ? 'every layer’s' : 'only some layers’');
/** The first hidden layer's mean change over the output layer's. */
function fade(run: RunFacts): number {
  const layers = layersOf(run);
  if (layers.length < 2) return Number.NaN;
  return layers[0].meanChange / layers[layers.length - 1].meanChange;
}
const faded = (run: RunFacts) => (fade(run) < 0.1 ? 'under a tenth of the output layer’s' : 'about as large');

/** Each layer's mean |change| in the last step, in words. */
function changes(run: RunFacts): string {
  const stepping = run.stepping!;
  return layersOf(run)
    .map((layer) => `${layerName(layer.into, stepping.columns)} ${layer.meanChange.toPrecision(2)}`)
    .join(', ');
}

/** The batch losses so far, first to last, in words. */
function lossWords(run: RunFacts): string {
  const losses = run.stepping!.losses;
  return losses.length > 1
    ? `the batch loss went ${fmt(losses[0])} → ${fmt(losses[losses.length - 1])} over ${losses.length} steps`
    : `the first batch’s loss was ${fmt(losses[0] ?? Number.NaN)}`;
}

const stepNow = () =>
  'Press Step one batch (one batch, then a pause) and watch the network picture: it shows how much each weight changed.';

export const backprop: Lesson = {
  id: 'backprop',
  title: 'Backpropagation, one batch at a time',
  summary: 'Step one batch and watch every layer’s weights change; in a deep sigmoid stack the first layer hardly moves.',
  steps: [
    {
      title: 'One step of gradient descent',
      text: [
        'Training is a loop of small steps. Each step takes one batch, computes the loss, and asks how the loss would change if each weight moved a little: the gradient. Backpropagation computes it for every weight at once, from the output back to the first layer, by the chain rule.',
        'Then every weight moves against its gradient. With plain SGD the move is exactly −learning rate × gradient, so the network picture (set to show the change since the picture before) draws the gradient itself, scaled: orange weights rose, blue fell.',
        `Step ${STEPS} batches, one at a time.`,
      ],
      preset: `${RING}&m=dense(4_tanh)~dense(4_tanh)&lr=0.3`,
      measure: 'steps',
      prediction: {
        question: 'After one step, whose weights change?',
        choices: ['only the output layer’s', 'every layer’s'],
        answer: (run) => (everyLayer(run) ? 'every layer’s' : 'only the output layer’s'),
      },
      goal: {
        text: `Step ${STEPS} batches one at a time, and see every layer’s weights move.`,
        met: (run) => (run.stepping?.step ?? 0) >= STEPS && everyLayer(run),
      },
      reading: (run, { prediction, changed }) => {
        if (!run.stepping) return stepNow();
        const lr = run.config.learningRate;
        return `After step ${run.stepping.step}: ${lossWords(run)}. From step ${run.stepping.from} to ${run.stepping.step}, ${moved(run)} weights changed; the mean size of a change: ${changes(run)}. ${predictionWords(
          prediction,
          everyLayer(run) ? 'every layer’s' : 'only the output layer’s',
        )} With ${run.config.optimizer === 'sgd' ? `plain SGD at learning rate ${lr}, each change is −${lr} × that weight’s gradient` : 'this optimizer each change is shaped by the gradient (with SGD it would be exactly −learning rate × gradient)'}: the error at the output reached every layer back to the first. ${
          run.stepping.step < STEPS ? `Step on: ${STEPS - run.stepping.step} more to the goal.` : ''
        }${changedWords(changed)}`;
      },
    },
    {
      title: 'A gradient that fades',
      text: [
        'The chain rule multiplies, layer by layer, by each activation’s slope. A sigmoid’s slope is at most 0.25, so in a deep stack of sigmoids the gradient shrinks at every layer on its way back: the first layers learn slowest. This is the vanishing gradient, and one reason ReLU replaced the sigmoid in hidden layers.',
        `Five layers of 6 sigmoid units, the same data and learning rate. Step ${STEPS} batches and compare the first layer’s changes with the output layer’s.`,
      ],
      preset: `${RING}&m=dense(6_sigmoid)~dense(6_sigmoid)~dense(6_sigmoid)~dense(6_sigmoid)~dense(6_sigmoid)&lr=0.3`,
      measure: 'steps',
      prediction: {
        question: 'The first hidden layer’s changes, against the output layer’s, will be…',
        choices: ['about as large', 'under a tenth of the output layer’s'],
        answer: faded,
      },
      goal: {
        text: `Step ${STEPS} batches and see the first layer move less than a tenth as much as the output layer.`,
        met: (run) => (run.stepping?.step ?? 0) >= STEPS && fade(run) < 0.1,
      },
      reading: (run, { prediction, changed, earlier }) => {
        if (!run.stepping) return stepNow();
        const before = earlier[0];
        return `After step ${run.stepping.step}, the mean size of a change: ${changes(run)}. The first layer moved ${fade(run).toPrecision(2)} times as much as the output layer${
          before?.stepping ? `; in the first step’s tanh network it was ${fade(before).toPrecision(2)}` : ''
        }. ${predictionWords(prediction, faded(run))} ${
          fade(run) < 0.1
            ? 'Each sigmoid on the way back scaled the gradient down: the layers nearest the input hardly learn. ReLU’s slope is 1 where it is active, which is why deep networks use it.'
            : 'The gradient did not fade much here: with what you changed, the stack is shallow or its slopes are steep enough.'
        }${changedWords(changed)}`;
      },
    },
  ],
};

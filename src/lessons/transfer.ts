// Transfer to a new domain: a network trained on digits does not know
// clothes. Moved as it is, with a new output layer, it scores at chance;
// its digit features, frozen, give a weak head on 80 labelled clothes, and
// neither they nor fine-tuning every layer beat training from scratch here.
import { changedWords, finalAccuracy, fmt, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const MLP = 'flatten()~dense(64_relu)~dense(32_relu)';
const FROZEN = 'flatten()~dense(64_relu)!~dense(32_relu)!';
const RUN = 'opt=adam&lr=0.01&bs=32&seed=1&pace=max&until=0';
const DIGITS = `v=1&ds=mnist-sample&m=${MLP}&tf=0.25&ep=3&${RUN}`;
// 1 % of Fashion-MNIST's training labels: 80 images, 20 epochs.
const FASHION = `v=1&ds=fashion-sample&tf=0.01&ep=20&${RUN}`;
const CHANCE = 0.3;
/** Within this, two scores on 2,000 validation images are the same result. */
const SAME = 0.02;

const scoreOf = (run: RunFacts | null | undefined) => (run ? finalAccuracy(run) : Number.NaN);
const needsFirst = 'Run the first step first: this step starts from the model it trains.';
const started = (run: RunFacts) => typeof run.startedFrom === 'string';

export const transfer: Lesson = {
  id: 'transfer',
  title: 'Transfer to a new domain',
  summary: 'A digit model moved to clothes scores at chance; adapted on 80 images, its digit features do not beat starting from scratch.',
  steps: [
    {
      title: 'A model for digits',
      text: [
        'A network of two hidden layers learns digits: its hidden layers learn features of the strokes, its output layer which of them make a 3 or a 7.',
        'It trains for three epochs on 2,000 of the bundled MNIST digits.',
      ],
      preset: DIGITS,
      prediction: {
        question: 'On digits it has not seen, it will score…',
        choices: ['0.9 or more', 'below 0.9'],
        answer: (run) => (finalAccuracy(run) >= 0.9 ? '0.9 or more' : 'below 0.9'),
      },
      goal: { text: 'Train a digit model to 0.85 validation accuracy.', met: (run) => finalAccuracy(run) >= 0.85 },
      reading: (run, { prediction, changed }) =>
        `Validation accuracy on digits: ${fmt(finalAccuracy(run))}. ${predictionWords(prediction, finalAccuracy(run) >= 0.9 ? '0.9 or more' : 'below 0.9')} Its model is kept for the next steps.${changedWords(changed)}`,
    },
    {
      title: 'Moved to clothes, as it is',
      text: [
        'Fashion-MNIST has the same 28×28 greyscale images, of ten kinds of clothing. A misconception says a trained model transfers easily to a new domain.',
        'The digit model is scored on clothes before any training on them. Its ten digit outputs mean nothing here, so its output layer is replaced by a new one, untrained.',
      ],
      preset: `${FASHION}&m=${MLP}`,
      startFrom: 0,
      evaluateOnly: true,
      prediction: {
        question: 'Before any training on clothes, the digit model will score…',
        choices: ['about chance (0.1)', 'well above chance'],
        answer: (run) => (finalAccuracy(run) < CHANCE ? 'about chance (0.1)' : 'well above chance'),
      },
      goal: {
        text: `See it fail on the new domain: under ${CHANCE} before it is adapted.`,
        met: (run) => started(run) && finalAccuracy(run) < CHANCE,
      },
      reading: (run, { prediction, changed, earlier }) =>
        started(run)
          ? `On clothes, before adapting: ${fmt(finalAccuracy(run))}${earlier[0] ? `, from ${fmt(scoreOf(earlier[0]))} on digits` : ''}. ${predictionWords(
              prediction,
              finalAccuracy(run) < CHANCE ? 'about chance (0.1)' : 'well above chance',
            )} A model knows the domain it was trained on: nothing in it yet maps what it sees to a shirt or a shoe. Transfer needs adaptation.${changedWords(changed)}`
          : needsFirst,
    },
    {
      title: 'Adapt it: keep the digit features',
      text: [
        'Now adapt it with only 80 labelled clothes (1 % of the training split). Its two hidden layers are frozen (the lock on each layer in the builder): they keep what they learned on digits, and only the new output layer trains. The builder shows the trainable weights beside the total.',
      ],
      preset: `${FASHION}&m=${FROZEN}`,
      startFrom: 0,
      prediction: {
        question: 'Fine-tuned on 80 clothes, it will reach…',
        choices: ['0.6 or more', 'below 0.6'],
        answer: (run) => (finalAccuracy(run) >= 0.6 ? '0.6 or more' : 'below 0.6'),
      },
      goal: {
        text: 'Adapt it: beat the unadapted model’s score by 0.3 or more.',
        met: (run, { earlier }) => started(run) && earlier[1] != null && finalAccuracy(run) - scoreOf(earlier[1]) >= 0.3,
      },
      reading: (run, { prediction, changed, earlier }) =>
        started(run)
          ? `Fine-tuned on 80 clothes with its digit features frozen: ${fmt(finalAccuracy(run))}${earlier[1] ? `, against ${fmt(scoreOf(earlier[1]))} before adapting` : ''}. ${predictionWords(
              prediction,
              finalAccuracy(run) >= 0.6 ? '0.6 or more' : 'below 0.6',
            )} A new head on the digit features learns something about clothes from 80 examples. Whether those features are the right ones, the next step measures.${changedWords(changed)}`
          : needsFirst,
    },
    {
      title: 'Or from scratch?',
      text: ['The same network, from new random weights, nothing frozen, trained on the same 80 clothes for the same 20 epochs.'],
      preset: `${FASHION}&m=${MLP}`,
      prediction: {
        question: 'From scratch on the same 80 images, against the frozen digit features, it will do…',
        choices: ['worse', 'as well or better'],
        answer: (run, earlier) => (earlier[2] && finalAccuracy(run) < scoreOf(earlier[2]) ? 'worse' : 'as well or better'),
      },
      goal: {
        text: 'Compare: train from scratch and read it against the adapted model.',
        met: (run, { earlier }) => earlier[2] != null && Number.isFinite(finalAccuracy(run)),
      },
      reading: (run, { prediction, changed, earlier }) => {
        const adapted = earlier[2];
        if (!adapted) return `From scratch on 80 clothes: ${fmt(finalAccuracy(run))}. Run the previous step to compare.`;
        const diff = scoreOf(adapted) - finalAccuracy(run);
        return `From scratch on 80 clothes: ${fmt(finalAccuracy(run))}, against ${fmt(scoreOf(adapted))} from frozen digit features. ${predictionWords(
          prediction,
          diff > 0 ? 'worse' : 'as well or better',
        )} ${
          diff > 0
            ? `Transfer won by ${fmt(diff)}: the digit features were worth keeping.`
            : `From scratch won by ${fmt(-diff)}: features learned for digits are the wrong ones for clothes, and frozen they hold the new head back. Whether a model transfers depends on how near the domains are, and must be measured.`
        }${changedWords(changed)}`;
      },
    },
    {
      title: 'Fine-tune every layer',
      text: [
        'A middle way: start from the digit weights, replace the output layer, and let every layer train on the 80 clothes. The digit weights are then only a starting point.',
      ],
      preset: `${FASHION}&m=${MLP}`,
      startFrom: 0,
      prediction: {
        question: 'Fine-tuned from the digit weights, against from scratch, it will do…',
        choices: ['better', 'about the same', 'worse'],
        answer: (run, earlier) => versus(finalAccuracy(run), scoreOf(earlier[3])),
      },
      goal: {
        text: 'Fine-tune every layer and compare with from scratch.',
        met: (run, { earlier }) => started(run) && earlier[3] != null && Number.isFinite(finalAccuracy(run)),
      },
      reading: (run, { prediction, changed, earlier }) => {
        if (!started(run)) return needsFirst;
        const scratch = earlier[3];
        const answer = versus(finalAccuracy(run), scoreOf(scratch));
        return `Fine-tuned from the digit weights: ${fmt(finalAccuracy(run))}${scratch ? `; from scratch ${fmt(scoreOf(scratch))}` : ''}${
          earlier[2] ? `; digit features frozen ${fmt(scoreOf(earlier[2]))}` : ''
        }. ${predictionWords(prediction, answer)} ${
          answer === 'better'
            ? 'The digit weights gave a head start that training on clothes could build on.'
            : answer === 'about the same'
              ? 'The digit weights gave no head start: training on clothes rewrote what they knew. A model carries over only what the two domains share.'
              : 'Starting from digits cost accuracy: the new domain had to unlearn the old one.'
        }${changedWords(changed)}`;
      },
    },
  ],
};

/** One score against another, in words: within SAME is about the same. */
function versus(score: number, other: number): string {
  if (!Number.isFinite(other)) return 'about the same';
  if (score > other + SAME) return 'better';
  return score < other - SAME ? 'worse' : 'about the same';
}

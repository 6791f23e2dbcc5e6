// Preprocessing: on a table whose columns differ by orders of magnitude
// (body mass in grams beside beak depth in millimetres), a network trained
// on the raw numbers is stuck; standardised columns train at once. Then
// missing values filled rather than dropped, and a category one-hot encoded.
import { changedWords, finalAccuracy, finalLoss, fmt, predictionWords, type RunFacts } from './facts';
import type { Lesson } from './types';

const TABLE = 'v=1&ds=csv&src=sample:penguins&hdr=1&tgt=Species&task=classification&dup=0';
const NET = 'm=dense(8_relu)&opt=sgd&lr=0.1&bs=16&ep=20&vs=0.3&pace=fast&until=0&seed=1';
const PENGUINS = `${TABLE}&miss=drop&ct=[]&${NET}`;
// Every measurement switched off: the species from the island alone (one-hot, three inputs).
const ISLAND_ONLY = encodeURIComponent(
  JSON.stringify(['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'].map((c) => [c, 'ignored'])),
);
const rows = (run: RunFacts | null | undefined) => (run?.sizes ? run.sizes.train + run.sizes.validation : Number.NaN);
const learned = (run: RunFacts) => (finalAccuracy(run) >= 0.9 ? 'learns the species' : 'stays stuck');

export const preprocessing: Lesson = {
  id: 'preprocessing',
  title: 'Preprocessing a table',
  summary: 'Grams beside millimetres, gaps in the rows, words for islands: scaling, imputing and one-hot, each measured.',
  steps: [
    {
      title: 'Raw numbers',
      text: [
        'The penguins table has a body mass in grams (around 4,000) beside beak measurements in millimetres (around 15 to 50). Its island and sex are words: the app one-hot encodes them, one 0-or-1 input per value, and rows with a missing value are dropped (the Data panel shows both).',
        'Here scaling is off: the network sees the raw numbers. The first layer’s sums are dominated by body mass, thousands of times larger than the rest.',
      ],
      preset: `${PENGUINS}&scale=none`,
      prediction: {
        question: 'Trained on raw numbers, the network…',
        choices: ['learns the species', 'stays stuck'],
        answer: learned,
      },
      goal: { text: 'See it stuck: validation accuracy below 0.6.', met: (run) => finalAccuracy(run) < 0.6 },
      reading: (run, { prediction, changed }) =>
        `On raw columns, validation accuracy ended at ${fmt(finalAccuracy(run))} and the training loss at ${fmt(finalLoss(run))}. ${predictionWords(prediction, learned(run))} ${
          finalAccuracy(run) < 0.6
            ? 'Huge inputs make huge sums: the units saturate or die at the first steps, their gradients vanish, and the network settles on guessing the commonest species.'
            : 'It learned even so: with what you changed, the large column did not swamp the rest.'
        }${changedWords(changed)}`,
    },
    {
      title: 'Standardised columns',
      text: [
        'Standard scaling shifts and stretches each column to mean 0 and standard deviation 1, fitted on the training rows only (so the validation rows tell nothing to the scaler). Every input now starts on an equal footing.',
      ],
      preset: `${PENGUINS}&scale=standard`,
      prediction: {
        question: 'With standardised columns, the same network…',
        choices: ['learns the species', 'stays stuck'],
        answer: learned,
      },
      goal: { text: 'Learn the species: validation accuracy of 0.9 or more.', met: (run) => finalAccuracy(run) >= 0.9 },
      reading: (run, { prediction, changed, earlier }) =>
        `With standardised columns, validation accuracy ended at ${fmt(finalAccuracy(run))}${
          earlier[0] ? `, against ${fmt(finalAccuracy(earlier[0]))} on the raw numbers` : ''
        }. ${predictionWords(prediction, learned(run))} Same data, same network, same seed: only the scale of the inputs changed. Scaling is not a detail of preprocessing; for gradient descent it can be the whole difference.${changedWords(changed)}`,
    },
    {
      title: 'Missing values',
      text: [
        'Eleven penguins have a missing value: two lack every measurement, nine their sex. Dropping those rows, as the steps so far did, throws their other values away.',
        'Filling (imputing) keeps them: a missing number becomes its column’s mean over the training rows, a missing category its most common value. Here, the mean.',
      ],
      preset: `${TABLE}&miss=mean&ct=[]&${NET}&scale=standard`,
      prediction: {
        question: 'Filling the gaps instead of dropping the rows, the network will train on…',
        choices: ['more rows', 'the same rows'],
        answer: (run, earlier) => (rows(run) > rows(earlier[1]) ? 'more rows' : 'the same rows'),
      },
      goal: {
        text: 'Keep the rows that dropping lost, and still learn the species (0.9 or more).',
        met: (run, { earlier }) => rows(run) > rows(earlier[1]) && finalAccuracy(run) >= 0.9,
      },
      reading: (run, { prediction, changed, earlier }) => {
        const dropped = earlier[1];
        const answer = rows(run) > rows(dropped) ? 'more rows' : 'the same rows';
        return `With the gaps filled by the mean, the run used ${rows(run).toLocaleString('en-US')} rows (${run.sizes?.train.toLocaleString('en-US') ?? '—'} to train, ${run.sizes?.validation.toLocaleString('en-US') ?? '—'} to validate)${
          dropped?.sizes ? ` against ${rows(dropped).toLocaleString('en-US')} when rows with a gap were dropped` : ''
        }, and validation accuracy ended at ${fmt(finalAccuracy(run))}. ${predictionWords(prediction, answer)} A filled value is a guess: the mean is safe for a few gaps, but a column missing half its values needs more thought than a fill.${changedWords(changed)}`;
      },
    },
    {
      title: 'One-hot categories',
      text: [
        'The island is a word: Biscoe, Dream or Torgersen. A network takes numbers, and numbering the islands 0, 1, 2 would tell it that Dream lies between the other two. One-hot encoding gives each island an input of its own: 1 for the penguin’s island, 0 for the others.',
        'Here every measurement is switched off (Ignored, in the Data panel’s column types): the network sees only the island’s three one-hot inputs.',
      ],
      preset: `${TABLE}&miss=drop&ct=${ISLAND_ONLY}&${NET}&scale=standard`,
      prediction: {
        question: 'From the island alone, validation accuracy will be…',
        choices: ['near chance (about 0.33)', 'well above chance'],
        answer: (run) => (finalAccuracy(run) > 0.5 ? 'well above chance' : 'near chance (about 0.33)'),
      },
      goal: { text: 'Predict the species from the island alone: above 0.6.', met: (run) => finalAccuracy(run) > 0.6 },
      reading: (run, { prediction, changed, earlier }) =>
        `From the island alone, validation accuracy ended at ${fmt(finalAccuracy(run))}${
          earlier[1] ? `, against ${fmt(finalAccuracy(earlier[1]))} with every column` : ''
        }. ${predictionWords(prediction, finalAccuracy(run) > 0.5 ? 'well above chance' : 'near chance (about 0.33)')} Each island has its commonest species (Gentoo on Biscoe, Chinstrap on Dream, Adelie on Torgersen), and one-hot inputs let the network learn one answer per island, no order implied. The rest of the way to 1.0 needs the measurements.${changedWords(changed)}`,
    },
  ],
};

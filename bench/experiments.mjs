// Sections 13 and 14 of `npm run bench`: the imbalance table and k-fold's spread.
// The imbalance table: each case trains with
// the class-imbalance knob on, without and with balanced class weights, in
// the app's own data path and loop on the backend auto measures
// (bench/experimentWorker.ts), and prints validation accuracy against the
// majority-class baseline, macro F1, and the rare class's recall and F1.
const CASES = [
  {
    name: 'circle (2-D), class 1 kept at 5 % in both splits, 8-8 tanh net, 60 epochs',
    config: {
      dataset: { kind: 'synthetic', shape: 'circle', noise: 0.1, count: 1000, features: ['x1', 'x2'] },
      layers: [
        { kind: 'dense', units: 8, activation: 'tanh' },
        { kind: 'dense', units: 8, activation: 'tanh' },
      ],
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 10,
      epochs: 60,
      validationSplit: 0.5,
      imbalance: 'one',
      imbalanceClass: 1,
      imbalanceShare: 0.05,
      imbalanceValidation: true,
    },
  },
  {
    name: 'MNIST sample, digit 3 kept at 2 % of training (validation as it is), MLP, 3 epochs',
    config: {
      layers: [{ kind: 'flatten' }, { kind: 'dense', units: 128, activation: 'relu' }, { kind: 'dense', units: 64, activation: 'relu' }],
      epochs: 3,
      imbalance: 'one',
      imbalanceClass: 3,
      imbalanceShare: 0.02,
    },
  },
];

export async function imbalanceTable(browser, base, fmt) {
  const page = await browser.newPage();
  await page.goto(`${base}bench/accuracy.html`);
  console.log('\n13. Class imbalance: validation scores after the run, without and with balanced class weights');
  console.log(
    'case | class weights | backend | accuracy | majority baseline | macro F1 | rare class recall | rare class F1 | training counts',
  );
  for (const { name, config } of CASES) {
    for (const classWeights of ['off', 'balanced']) {
      const r = await page.evaluate((request) => window.runExperiment(request), { baseUrl: base, config: { ...config, classWeights } });
      console.log(
        `${name} | ${classWeights} | ${r.backend} | ${fmt(r.accuracy, 3)} | ${fmt(r.baseline, 3)} | ${fmt(r.macroF1, 3)} | ${fmt(r.rareRecall, 3)} | ${fmt(r.rareF1, 3)} | ${r.trainCounts.join(', ')}${r.error ? ` | error: ${r.error.slice(0, 120)}` : ''}`,
      );
    }
  }
  await page.close();
}

/** Section 14: k-fold's spread on iris and penguins (5 stratified folds): each fold's validation accuracy, and mean ± sd. */
export async function foldTable(browser, base, fmt) {
  const page = await browser.newPage();
  await page.goto(`${base}bench/accuracy.html`);
  const k = 5;
  console.log(`\n14. ${k}-fold cross-validation (stratified): validation accuracy per fold, dense 16 relu, Adam 0.01, 30 epochs`);
  console.log('data | backend | ' + Array.from({ length: k }, (_, i) => `fold ${i + 1}`).join(' | ') + ' | mean ± sd | range');
  for (const name of ['iris', 'penguins']) {
    const accuracies = [];
    let backend = '—';
    for (let fold = 1; fold <= k; fold++) {
      const r = await page.evaluate((request) => window.runExperiment(request), {
        baseUrl: base,
        config: {
          dataset: { kind: 'csv', source: { type: 'sample', name }, header: null, options: null },
          layers: [{ kind: 'dense', units: 16, activation: 'relu' }],
          optimizer: 'adam',
          learningRate: 0.01,
          batchSize: 16,
          epochs: 30,
          folds: k,
          fold,
          stratifiedFolds: true,
        },
      });
      if (r.error) console.log(`   ${name} fold ${fold}: ${r.error.slice(0, 160)}`);
      accuracies.push(r.accuracy);
      backend = r.backend;
    }
    const mean = accuracies.reduce((a, b) => a + b, 0) / k;
    const sd = Math.sqrt(accuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1));
    console.log(
      `${name} | ${backend} | ${accuracies.map((a) => fmt(a, 3)).join(' | ')} | ${fmt(mean, 3)} ± ${fmt(sd, 3)} | ${fmt(Math.min(...accuracies), 3)}–${fmt(Math.max(...accuracies), 3)}`,
    );
  }
  await page.close();
}

const LENET = [
  { kind: 'conv2d', filters: 8, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
  { kind: 'maxPool2d', poolSize: 2, strides: 2 },
  { kind: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
  { kind: 'maxPool2d', poolSize: 2, strides: 2 },
  { kind: 'flatten' },
];
const frozenConvolutions = (layers) => layers.map((layer) => (layer.kind === 'conv2d' ? { ...layer, frozen: true } : layer));
/** Epochs per share of Fashion-MNIST's labels: the same steps for each way at one share. */
export const TRANSFER_SHARES = [
  { share: 0.01, epochs: 20 },
  { share: 0.1, epochs: 6 },
  { share: 1, epochs: 2 },
];

/** Seeds of the transfer table: each seed pretrains its own digits model and draws its own subsets. */
export const TRANSFER_SEEDS = [1, 2, 3];

/**
 * Section 15: transfer with frozen layers. The default CNN (LeNet-style) is
 * trained on the MNIST digits sample, then fine-tuned on the Fashion-MNIST
 * sample with 1 %, 10 % and 100 % of its training labels, three ways:
 * convolutions frozen, all layers training, and from scratch; the same
 * steps for each way at one share. Each seed is a whole replay (its own
 * digits model, its own subsets); the table gives each seed and the mean.
 */
export async function transferTable(browser, base, fmt) {
  const page = await browser.newPage();
  await page.goto(`${base}bench/accuracy.html`);
  const ways = ['frozen convolutions', 'all layers', 'from scratch'];
  const runs = [];
  for (const seed of TRANSFER_SEEDS) {
    const common = { optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed };
    const layersOf = [frozenConvolutions(LENET), LENET, LENET];
    const targets = TRANSFER_SHARES.flatMap(({ share, epochs }) =>
      ways.map((_, w) => ({
        fromSource: w < 2,
        config: { ...common, dataset: { kind: 'fashion-sample' }, layers: layersOf[w], trainFraction: share, epochs },
      })),
    );
    runs.push(
      await page.evaluate((request) => window.runTransfer(request), {
        baseUrl: base,
        source: { ...common, dataset: { kind: 'mnist-sample' }, layers: LENET, epochs: 3 },
        targets,
      }),
    );
  }
  console.log(
    `\n15. Transfer with frozen layers: the LeNet-style CNN trained on the MNIST sample (3 epochs; validation accuracy ${runs.map((r) => fmt(r.source.accuracy, 3)).join(', ')} for seeds ${TRANSFER_SEEDS.join(', ')}), fine-tuned on the Fashion-MNIST sample, its output layer replaced; Adam 0.01, batch 32; validation accuracy on the same 2,000 images after the same steps`,
  );
  for (const r of runs) if (r.error) console.log(`   error: ${r.error.slice(0, 200)}`);
  console.log(
    `labels | training images | steps | ${ways.map((w) => `${w} (seeds ${TRANSFER_SEEDS.join(', ')}; mean)`).join(' | ')} | backend`,
  );
  TRANSFER_SHARES.forEach(({ share }, s) => {
    const cells = ways.map((_, w) => {
      const accuracies = runs.map((r) => r.targets[s * 3 + w]?.accuracy ?? NaN);
      const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
      return `${accuracies.map((a) => fmt(a, 3)).join(', ')}; **${fmt(mean, 3)}**`;
    });
    const first = runs[0].targets[s * 3];
    if (!first) return;
    console.log(`${Math.round(share * 100)} % | ${first.trainSamples} | ${first.steps} | ${cells.join(' | ')} | ${first.backend}`);
  });
  await page.close();
}

// Section 11 of `npm run bench`: time from the first step to a validation
// accuracy, ours (the app's loop on auto) against ConvNetJS's MNIST demo and
// the TensorFlow.js MNIST example, in the same browser and run, on the same
// split, each checked every CHECK_EVERY training samples (checks on the clock).
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const CHECK_EVERY = 2_000;
const FASHION_DIR = process.env.BENCH_FASHION_DIR ?? '/usr/share/datasets/fashion-mnist';
const LENET = [
  { kind: 'conv2d', filters: 8, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
  { kind: 'maxPool2d', poolSize: 2, strides: 2 },
  { kind: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
  { kind: 'maxPool2d', poolSize: 2, strides: 2 },
  { kind: 'flatten' },
];

/** Our recipes: the app's default CNN at its defaults, with schedules, and a wider CNN (all set with the page's own controls). */
const WIDE = [
  { kind: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
  { kind: 'maxPool2d', poolSize: 2, strides: 2 },
  { kind: 'conv2d', filters: 32, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
  { kind: 'maxPool2d', poolSize: 2, strides: 2 },
  { kind: 'flatten' },
  { kind: 'dense', units: 64, activation: 'relu' },
];
const RECIPES = {
  mnist: [
    {
      name: 'default CNN, Adam 0.001, constant',
      recipe: { layers: LENET, optimizer: 'adam', learningRate: 0.001, batchSize: 64, epochs: 30 },
    },
    {
      name: 'default CNN, Adam 0.01, one-cycle over 6 epochs',
      recipe: { layers: LENET, optimizer: 'adam', learningRate: 0.01, batchSize: 64, epochs: 6, schedule: 'onecycle' },
    },
    {
      name: 'default CNN, Adam 0.005, cosine over 6 epochs, 1 epoch warm-up',
      recipe: { layers: LENET, optimizer: 'adam', learningRate: 0.005, batchSize: 64, epochs: 6, schedule: 'cosine', warmupEpochs: 1 },
    },
    {
      name: 'wider CNN (16-32 filters, dense 64), Adam 0.001, constant',
      recipe: { layers: WIDE, optimizer: 'adam', learningRate: 0.001, batchSize: 64, epochs: 30 },
    },
    {
      name: 'wider CNN (16-32 filters, dense 64), Adam 0.005, one-cycle over 8 epochs',
      recipe: { layers: WIDE, optimizer: 'adam', learningRate: 0.005, batchSize: 64, epochs: 8, schedule: 'onecycle' },
    },
  ],
  fashion: [
    {
      name: 'default CNN, Adam 0.001, constant',
      recipe: { layers: LENET, optimizer: 'adam', learningRate: 0.001, batchSize: 64, epochs: 20 },
    },
    {
      name: 'wider CNN (16-32 filters, dense 64), Adam 0.001, constant',
      recipe: { layers: WIDE, optimizer: 'adam', learningRate: 0.001, batchSize: 64, epochs: 20 },
    },
    {
      name: 'wider CNN (16-32 filters, dense 64), Adam 0.005, one-cycle over 3 epochs',
      recipe: { layers: WIDE, optimizer: 'adam', learningRate: 0.005, batchSize: 64, epochs: 3, schedule: 'onecycle' },
    },
  ],
};

const RACES = [
  { data: 'mnist', label: 'MNIST sample (8,000 training / 2,000 validation digits)', targets: [0.97, 0.98], budgetMs: 180_000 },
  {
    data: 'fashion',
    label: "Fashion-MNIST (Debian's IDX files: 60,000 training images, a stratified 2,000 of the 10,000 test images checked)",
    targets: [0.88, 0.9],
    budgetMs: 240_000,
  },
];

const pct = (t) => `${Math.round(t * 100)} %`;

export async function timeToAccuracy(browser, base, dist, fmt) {
  const budgetScale = Number(process.env.BENCH_TTA_SCALE ?? 1);
  const races = RACES.filter((r) => !process.env.BENCH_TTA_DATA || process.env.BENCH_TTA_DATA.split(',').includes(r.data));
  const page = await browser.newPage();
  await page.goto(`${base}bench/accuracy.html`);
  for (const race of races) {
    if (race.data === 'fashion') {
      if (!existsSync(join(FASHION_DIR, 'train-images-idx3-ubyte.gz'))) {
        console.log(`\n11. ${race.label}: skipped (install Debian's dataset-fashion-mnist, or set BENCH_FASHION_DIR)`);
        continue;
      }
      mkdirSync(join(dist, 'bench-data'), { recursive: true });
      cpSync(FASHION_DIR, join(dist, 'bench-data', 'fashion'), { recursive: true });
    }
    const common = {
      data: race.data,
      baseUrl: base,
      targets: race.targets,
      budgetMs: race.budgetMs * budgetScale,
      checkEvery: CHECK_EVERY,
    };
    const ours = [];
    const only = process.env.BENCH_TTA_RECIPES?.split(',');
    const recipes = RECIPES[race.data].filter((_, i) => !only || only.includes(String(i)));
    for (const { name, recipe } of recipes)
      ours.push({ ...(await page.evaluate((r) => window.runOurs(r), { ...common, recipe, name })), recipe });
    const peers = [];
    const PEERS = [{ contestant: 'convnetjs' }, { contestant: 'tfjs-example' }, { contestant: 'tfjs-example', backend: 'cpu' }];
    if (process.env.BENCH_TTA_PEERS !== 'none')
      for (const peer of PEERS) peers.push(await page.evaluate((r) => window.runPeer(r), { ...common, ...peer, seed: 42 }));
    console.log(
      `\n11. Time to accuracy: ${race.label}; checked every ${fmt(CHECK_EVERY)} training samples (training time: the checks are off the clock), budget ${fmt(common.budgetMs / 1000)} s each`,
    );
    console.log(`contestant | backend | ${race.targets.map((t) => `to ${pct(t)}`).join(' | ')} | best | samples trained`);
    const cell = (r, t) => (r.reachedMs[t] === null ? `not in ${fmt(r.elapsedMs / 1000)} s` : `${fmt(r.reachedMs[t] / 1000, 1)} s`);
    for (const r of [...ours, ...peers])
      console.log(
        `${r.contestant} | ${r.backend} | ${race.targets.map((t) => cell(r, t)).join(' | ')} | ${fmt(r.best * 100, 1)} % | ${fmt(r.samples)}${r.error ? ` | error: ${r.error.slice(0, 120)}` : ''}`,
      );
    // Our best recipe per target, and each peer's time over it.
    for (const t of race.targets) {
      const reached = ours.filter((r) => r.reachedMs[t] !== null).sort((a, b) => a.reachedMs[t] - b.reachedMs[t]);
      if (reached.length === 0) {
        console.log(`to ${pct(t)}: none of our recipes reached it`);
        continue;
      }
      const best = reached[0];
      // The same net at a constant rate: what the schedule bought.
      const constant = ours.find(
        (r) => (r.recipe.schedule ?? 'constant') === 'constant' && JSON.stringify(r.recipe.layers) === JSON.stringify(best.recipe.layers),
      );
      const ratios = peers.map((p) =>
        p.reachedMs[t] === null
          ? `${p.contestant} on ${p.backend} did not reach it (> ${fmt(p.elapsedMs / best.reachedMs[t], 1)}x ours)`
          : `${p.contestant} on ${p.backend} ${fmt(p.reachedMs[t] / best.reachedMs[t], 2)}x ours`,
      );
      const overConstant =
        constant && best !== constant && constant.reachedMs[t] !== null
          ? `; ${fmt(constant.reachedMs[t] / best.reachedMs[t], 2)}x faster than the same net at a constant rate`
          : '';
      console.log(
        `to ${pct(t)}: ours fastest with "${best.contestant}" (${fmt(best.reachedMs[t] / 1000, 1)} s${overConstant}) | ${ratios.join(' | ')}`,
      );
    }
    const winner = ours
      .filter((r) => r.reachedMs[race.targets.at(-1)] !== null)
      .sort((a, b) => a.reachedMs[race.targets.at(-1)] - b.reachedMs[race.targets.at(-1)])[0];
    if (winner?.link) console.log(`the winning recipe as a link: ${base}?${winner.link}`);
  }
  await page.close();
}

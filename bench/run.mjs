// npm run bench: drives the built app and the bench pages in headless
// Chromium and prints figures (it never fails on a time). Sections:
//  1. Per model (MNIST MLP, default CNN, oversized MLP, 2-8-8 tanh spiral):
//     samples/s of the app's loop on each backend, and auto's choice.
//  2. ConvNetJS's MNIST net: ConvNetJS vs our best backend, same run.
//  3. The fused engine alone on TensorFlow Playground's spiral setup.
//  4. The whole app on the spiral: samples/s, boundary redraws/s, long tasks.
//  5. Default CNN on auto: Train -> first metric (warm and cold) and -> first
//     validation point; long tasks; the overfitting demo, timed.
//  6. The app's loop vs a bare model.fit (default CNN); tensors per epoch.
//  7. The textbook tables (sweeps) on the MNIST sample, as the page shows them.
//  8. Frames while WebGL trains: presented frames (a Chromium trace) and main-thread frames.
//  9. WASM threads: the default CNN on WASM, one thread (this device's rule) against two.
// 10. The first minute, idle and under load: Train -> first step after a data
//     change, CSV parse time, and auto against every backend chosen in the page.
// 11. Time to accuracy (bench/timeToAccuracy.mjs): ours on auto against ConvNetJS's
//     and TensorFlow.js's MNIST recipes, on the MNIST sample and Fashion-MNIST.
// 12. Full Fashion-MNIST in the page (bench/fullData.mjs): parse time, peak memory,
//     one epoch of the default CNN on auto, long tasks.
// 13. Class imbalance (bench/experiments.mjs): accuracy, macro F1 and the rare class's
//     recall, without and with balanced class weights.
// 14. k-fold's spread (bench/experiments.mjs): 5 stratified folds on iris and penguins.
// 15. Transfer with frozen layers (bench/experiments.mjs, bench/transferWorker.ts): digits to
//     Fashion-MNIST at 1 %, 10 % and 100 % of its labels, three ways.
// 16. Lessons (bench/lessons.mjs): each lesson run step by step in the app, idle and under load.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS, systemChromium } from '../scripts/browser-path.mjs';
import { firstMinute } from './firstMinute.mjs';
import { fullData } from './fullData.mjs';
import { foldTable, imbalanceTable, transferTable } from './experiments.mjs';
import { lessonTable } from './lessons.mjs';
import { timeToAccuracy } from './timeToAccuracy.mjs';

const PORT = 4174;
const ENGINE_MS = Number(process.env.BENCH_ENGINE_MS ?? 4_000);
const APP_MS = Number(process.env.BENCH_APP_MS ?? 30_000);
const ONLY = process.env.BENCH_ONLY?.split(',');
const want = (section) => !ONLY || ONLY.includes(section);

const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const base = `http://127.0.0.1:${PORT}/`;
const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
const fmt = (n, digits = 0) =>
  typeof n !== 'number' || !Number.isFinite(n)
    ? String(n ?? '—')
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// The app's presets travel by name (the worker reads src/model/presets.ts); these two nets are the bench's own.
const LAYERS = {
  spiral: [
    { kind: 'dense', units: 8, activation: 'tanh' },
    { kind: 'dense', units: 8, activation: 'tanh' },
  ],
  convnetjs: [
    { kind: 'conv2d', filters: 8, kernelSize: 5, strides: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxPool2d', poolSize: 2, strides: 2 },
    { kind: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxPool2d', poolSize: 3, strides: 3 },
    { kind: 'flatten' },
  ],
};

async function engine(request) {
  const page = await browser.newPage();
  await page.goto(`${base}bench/engine.html`);
  const result = await page.evaluate((r) => window.runEngine(r), { baseUrl: base, durationMs: ENGINE_MS, backends: [], ...request });
  await page.close();
  return result;
}

// 1. Auto against the fastest backend, per model.
const MODELS = [
  { name: 'MNIST MLP 784-128-64-10, batch 64, Adam', data: 'mnist', preset: 'mlp', optimizer: 'adam', learningRate: 0.001, batchSize: 64 },
  {
    name: 'Default CNN (LeNet-style), batch 64, Adam',
    data: 'mnist',
    preset: 'lenet',
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 64,
  },
  {
    name: 'Oversized MLP 1024-1024-512, batch 64, Adam',
    data: 'mnist',
    preset: 'overfit',
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 64,
  },
  {
    name: 'Spiral 2-8-8-2 tanh, 250 points, batch 10, SGD 0.03',
    data: 'spiral',
    layers: LAYERS.spiral,
    optimizer: 'sgd',
    learningRate: 0.03,
    batchSize: 10,
  },
];
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'fused,wasm,cpu,webgl,webgpu').split(',');
if (want('auto')) {
  console.log(`\n1. The app's training loop per backend (samples/s, ${ENGINE_MS / 1000} s after warm-up), and auto's choice`);
  console.log('model | ' + BACKENDS.join(' | ') + ' | auto chose | auto / fastest');
  for (const model of MODELS) {
    // Auto measures in a fresh worker, as the app's warm-up does when the page opens: measured after the
    // loops below, the GPU process was still finishing their work and slowed the backends timed first.
    const { auto, autoReason } = await engine({ kind: 'backends', backends: [], ...model });
    const result = { ...(await engine({ kind: 'backends', backends: BACKENDS, noAuto: true, ...model })), auto, autoReason };
    const numbers = Object.entries(result.speeds).filter(([, v]) => typeof v === 'number');
    const fastest = numbers.reduce((a, b) => (b[1] > a[1] ? b : a), ['—', 0]);
    const chosen = result.speeds[result.auto];
    const cells = BACKENDS.map((b) => (typeof result.speeds[b] === 'number' ? fmt(result.speeds[b]) : 'cannot'));
    console.log(
      `${model.name} | ${cells.join(' | ')} | ${result.auto} | ${typeof chosen === 'number' ? fmt(chosen / fastest[1], 2) : '—'} (fastest: ${fastest[0]})`,
    );
    for (const [b, v] of Object.entries(result.speeds))
      if (typeof v === 'string' && b !== 'webgpu') console.log(`   ${b}: ${v.slice(0, 140)}`);
    if (result.auto !== fastest[0])
      console.log(`   auto's own measurement (it counts each epoch's validation at the default split): ${result.autoReason}`);
  }
}

// 2. ConvNetJS's MNIST demo net.
if (want('convnetjs')) {
  const net = { data: 'mnist24', layers: LAYERS.convnetjs, optimizer: 'adadelta', learningRate: 1, batchSize: 20 };
  const ours = await engine({ kind: 'backends', backends: ['wasm', 'cpu', 'webgl'], ...net });
  const theirs = await engine({ kind: 'convnetjs', ...net });
  const best = Object.entries(ours.speeds)
    .filter(([, v]) => typeof v === 'number')
    .reduce((a, b) => (b[1] > a[1] ? b : a), ['—', 0]);
  console.log(`\n2. ConvNetJS's MNIST net (24x24, conv5x5x8, pool2, conv5x5x16, pool3, softmax 10, Adadelta, batch 20), samples/s`);
  console.log(
    `ConvNetJS 0.3.0: ${fmt(theirs.speeds.convnetjs)} | ours: ${Object.entries(ours.speeds)
      .map(([b, v]) => `${b} ${typeof v === 'number' ? fmt(v) : 'cannot'}`)
      .join(', ')} | auto chose ${ours.auto}`,
  );
  console.log(`best (${best[0]}) / ConvNetJS: ${fmt(best[1] / theirs.speeds.convnetjs, 2)}x`);
}

// 3. The fused engine alone.
if (want('fused')) {
  const raw = await engine({
    kind: 'fused-raw',
    data: 'spiral',
    layers: LAYERS.spiral,
    optimizer: 'sgd',
    learningRate: 0.03,
    batchSize: 10,
  });
  console.log(
    `\n3. Fused engine alone, spiral 2-8-8-2 tanh, 250 points, batch 10, SGD 0.03: ${fmt(raw.speeds.fused)} samples/s (TensorFlow Playground's engine: 360,000-665,000 here)`,
  );
}

async function openApp(query, init) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) =>
      window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))),
    ).observe({ type: 'longtask', buffered: true });
    // Main-thread frames: the time between animation frames, as a page that animates sees it.
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push({ start: last, duration: now - last });
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  if (init) await page.addInitScript(init);
  await page.goto(`${base}?${query}`);
  await page.getByTestId('train-button').waitFor();
  return page;
}

/** Clicks Train; records step and boundary-epoch changes for `windowMs` after the first metric. */
function trainAndRecord(page, windowMs) {
  return page.evaluate(
    (windowMs) =>
      new Promise((resolve) => {
        const step = document.querySelector('[data-testid="step"]');
        const changes = [];
        let redraws = 0;
        let lastBoundary = null;
        let pictures = 0;
        let lastPicture = null;
        const t0 = performance.now();
        let first = null;
        let firstValidation = null;
        const observer = new MutationObserver(() => {
          const value = Number(step.textContent);
          const now = performance.now();
          if (value >= 1 && first === null) first = now - t0;
          changes.push([now, value]);
          const boundary = document.querySelector('[data-testid="decision-boundary"]')?.getAttribute('data-epoch');
          if (boundary && boundary !== lastBoundary) {
            lastBoundary = boundary;
            redraws++;
          }
          const picture = document.querySelector('[data-testid="network"]')?.getAttribute('data-epoch');
          if (picture && picture !== '0' && picture !== lastPicture) {
            lastPicture = picture;
            pictures++;
          }
          const val = document.querySelector('[data-testid="metric-val-accuracy"]')?.textContent;
          if (firstValidation === null && val && val.trim() !== '—') firstValidation = now - t0;
        });
        observer.observe(document.body, {
          childList: true,
          subtree: true,
          characterData: true,
          attributes: true,
          attributeFilter: ['data-epoch'],
        });
        document.querySelector('[data-testid="train-button"]').click();
        const finish = () => {
          observer.disconnect();
          resolve({ firstMetricMs: first, firstValidationMs: firstValidation, changes, t0, redraws, pictures, end: performance.now() });
        };
        const wait = () => (first === null && performance.now() - t0 < 180_000 ? setTimeout(wait, 50) : setTimeout(finish, windowMs));
        wait();
      }),
    windowMs,
  );
}

const stopIfRunning = async (page) => {
  if (await page.getByTestId('stop-button').isEnabled()) await page.getByTestId('stop-button').click();
};
const longTasks = (page, since) => page.evaluate((since) => window.__longTasks.filter((t) => t.start >= since), since);
/** Frames over 50 ms between `since` and `until` (animation-frame gaps on the main thread). */
const slowFrames = (page, since, until = Infinity) =>
  page.evaluate(([since, until]) => window.__frames.filter((f) => f.start >= since && f.start <= until && f.duration > 50), [since, until]);
const summary = (tasks, since) =>
  `${tasks.length} (longest ${fmt(tasks.reduce((m, t) => Math.max(m, t.duration), 0))} ms${since !== undefined && tasks.length > 0 && tasks.length <= 6 ? `; at ${tasks.map((t) => `${fmt((t.start - since) / 1000, 1)} s`).join(', ')} after the first metric` : ''})`;

// 4. The whole app on the spiral, trained until stopped (30,000 epochs), with and without the network picture.
// Unpaced: the section measures the app's full speed (2-D sets default to the watching pace).
const SPIRAL =
  'v=1&ds=synthetic&syn=spiral&noise=0&n=500&vs=0.5&feat=x1,x2&m=dense(8_tanh)~dense(8_tanh)&opt=sgd&lr=0.03&bs=10&ep=30000&pace=max&be=auto';
if (want('app-spiral')) {
  const bare = await openApp(`e2e.noPicture=1&${SPIRAL}`);
  await bare
    .getByTestId('backend-reason')
    .waitFor({ timeout: 60_000 })
    .catch(() => undefined);
  const without = await trainAndRecord(bare, APP_MS);
  const rate = (record) => {
    const steps = record.changes.filter(([, v]) => v >= 1);
    return steps.length > 1 ? ((steps[steps.length - 1][1] - steps[0][1]) * 10 * 1000) / (steps[steps.length - 1][0] - steps[0][0]) : null;
  };
  await bare.close();
  const page = await openApp(SPIRAL);
  await page
    .getByTestId('backend-reason')
    .waitFor({ timeout: 60_000 })
    .catch(() => undefined);
  const record = await trainAndRecord(page, APP_MS);
  const firstAt = record.t0 + record.firstMetricMs;
  // From the Train click: the charts' first draw comes with the first metric.
  const tasks = await longTasks(page, record.t0);
  const seconds = (record.end - firstAt) / 1000;
  console.log(
    `\n4. The app on the spiral (auto chose ${await page.getByTestId('backend').textContent()}), ${APP_MS / 1000} s with charts and boundary`,
  );
  // Over the whole run: the fused engine may finish all 1,000 epochs within the window.
  const steps = record.changes.filter(([, v]) => v >= 1);
  const whole =
    steps.length > 1 ? ((steps[steps.length - 1][1] - steps[0][1]) * 10 * 1000) / (steps[steps.length - 1][0] - steps[0][0]) : null;
  const runSeconds = steps.length > 1 ? (steps[steps.length - 1][0] - steps[0][0]) / 1000 : seconds;
  console.log(
    `training: ${fmt(whole)} samples/s over the run (${fmt(runSeconds, 1)} s) | status: ${await page.getByTestId('run-status').textContent()} | boundary redraws: ${fmt(record.redraws / Math.min(seconds, Math.max(runSeconds, 1e-3)), 1)}/s while training | main-thread tasks over 50 ms from Train: ${summary(tasks, firstAt)} | frames over 50 ms: ${summary(await slowFrames(page, record.t0), firstAt)} | epoch reached: ${await page.getByTestId('epoch').textContent()}`,
  );
  console.log(
    `network picture: ${fmt(record.pictures / Math.min(seconds, Math.max(runSeconds, 1e-3)), 1)} redraws/s | training without the picture: ${fmt(rate(without))} samples/s, with it ${fmt(whole)}: ratio ${fmt(whole / rate(without), 2)}`,
  );
  await page.screenshot({ path: 'bench/spiral.png' });
  await page.close();
  // As a learner meets it: the same link at the watching pace 2-D sets default to, from the Train click.
  const watching = await openApp(SPIRAL.replace('&pace=max', ''));
  const watched = await trainAndRecord(watching, 10_000);
  console.log(
    `at the watching pace (the default): main-thread tasks over 50 ms from Train: ${summary(await longTasks(watching, watched.t0), watched.t0 + watched.firstMetricMs)} | frames over 50 ms: ${summary(await slowFrames(watching, watched.t0))} | first metric ${fmt(watched.firstMetricMs)} ms after Train`,
  );
  await watching.close();
}

// 5. Default CNN on auto.
if (want('app-cnn')) {
  const warm = await openApp('e2e.maxVal=512');
  await warm
    .getByTestId('backend-reason')
    .waitFor({ timeout: 120_000 })
    .catch(() => undefined);
  const record = await trainAndRecord(warm, 1000);
  await warm.waitForFunction(() => document.querySelector('[data-testid="metric-val-accuracy"]')?.textContent?.trim() !== '—', null, {
    timeout: 600_000,
  });
  const validationMs = await warm.evaluate((t0) => performance.now() - t0, record.t0);
  const firstAt = record.t0 + record.firstMetricMs;
  const tasks = await longTasks(warm, firstAt);
  const frames = await slowFrames(warm, firstAt);
  const backend = await warm.getByTestId('backend').textContent();
  await warm.close();
  const cold = await openApp('e2e.maxVal=512');
  const coldRecord = await trainAndRecord(cold, 0);
  await cold.close();
  console.log(`\n5. Default CNN on auto (${backend}; 8,000 training digits, 512 validation)`);
  console.log(
    `Train -> first metric: ${fmt(record.firstMetricMs)} ms after the warm-up, ${fmt(coldRecord.firstMetricMs)} ms when pressed the moment the page shows | Train -> first validation point: ${fmt(validationMs / 1000, 1)} s | main-thread tasks over 50 ms: ${summary(tasks)} | frames over 50 ms: ${summary(frames)}`,
  );

  // The overfitting demo: oversized MLP, 2 % of the data, 20 % label noise, 40 epochs, early stopping.
  const demo = await openApp(
    'v=1&ds=mnist-sample&m=flatten()~dense(1024_relu)~dense(1024_relu)~dense(512_relu)&tf=0.02&ln=0.2&ep=40&es=1&pat=5&be=auto',
  );
  await demo
    .getByTestId('backend-reason')
    .waitFor({ timeout: 120_000 })
    .catch(() => undefined);
  const started = Date.now();
  await demo.getByTestId('train-button').click();
  await demo.waitForFunction(
    () => ['done', 'stopped', 'error'].includes(document.querySelector('[data-testid="run-status"]')?.textContent ?? ''),
    null,
    { timeout: 900_000 },
  );
  console.log(
    `Overfitting demo (oversized MLP, 2 % of the data, 20 % label noise, up to 40 epochs, early stopping) on ${await demo.getByTestId('backend').textContent()}: ${fmt((Date.now() - started) / 1000, 1)} s to ${await demo.getByTestId('run-status').textContent()} at epoch ${await demo.getByTestId('epoch').textContent()}`,
  );
  await demo.close();
}

// 6. The loop against a bare model.fit, and tensors per epoch.
if (want('fit')) {
  console.log("\n6. Default CNN, batch 64: the app's loop vs a bare model.fit in a worker (samples/s)");
  const cnn = await engine({
    kind: 'backends',
    backends: ['wasm', 'cpu', 'webgl'],
    data: 'mnist',
    preset: 'lenet',
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 64,
  });
  for (const backend of ['wasm', 'cpu', 'webgl']) {
    const fitPage = await browser.newPage();
    await fitPage.goto(`${base}bench/fit.html`);
    const fit = await fitPage.evaluate((request) => window.runFit(request), {
      backend,
      baseUrl: base,
      samples: 8000,
      durationMs: ENGINE_MS,
    });
    await fitPage.close();
    const loop = cnn.speeds[backend];
    console.log(
      `${backend}: loop ${fmt(loop)} | model.fit ${fit.error ? `cannot (${fit.error.slice(0, 80)})` : fmt(fit.samplesPerSecond)} | ratio ${typeof loop === 'number' && !fit.error ? fmt(loop / fit.samplesPerSecond, 2) : '—'}`,
    );
  }
  const tensorPage = await openApp('e2e.maxTrain=256&e2e.maxVal=64');
  await tensorPage.getByTestId('train-button').click();
  const tensors = [];
  for (let epoch = 2; epoch <= 5; epoch++) {
    await tensorPage.waitForFunction((e) => Number(document.querySelector('[data-testid="epoch"]').textContent) >= e, epoch, {
      timeout: 300_000,
    });
    tensors.push(Number(await tensorPage.getByTestId('tensor-count').textContent()));
  }
  console.log(
    `Tensors after epochs 2-5 (${await tensorPage.getByTestId('backend').textContent()}): ${tensors.join(', ')} (${new Set(tensors).size === 1 ? 'flat' : 'NOT flat'})`,
  );
  await tensorPage.close();
}

// 7. The textbook tables, measured: each one-click sweep on the MNIST sample (MLP, 3 epochs), as the page shows it.
if (want('tables')) {
  const TABLES = (
    process.env.BENCH_TABLES ??
    'Data size vs accuracy and F1,Optimizer vs steps to converge,Batch size vs accuracy and time,CPU vs GPU backends vs training time'
  ).split(',');
  for (const title of TABLES) {
    // The hardware table is one click on the page as it opens (it picks its own model: the MLP for one epoch).
    const hardware = title.startsWith('CPU');
    const page = await openApp('');
    if (!hardware) {
      await page.getByLabel('Preset', { exact: true }).selectOption('mlp');
      await page.getByLabel('Epochs', { exact: true }).fill('3');
    }
    await page.getByRole('tab', { name: 'Sweeps' }).click();
    const started = Date.now();
    await page.getByRole('button', { name: title }).click();
    await page.waitForFunction(
      () => /Done|Stopped/.test(document.querySelector('[data-testid="sweep-progress"]')?.textContent ?? ''),
      null,
      { timeout: 1_200_000 },
    );
    const table = await page
      .getByTestId('sweep-table')
      .evaluate((t) => [...t.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent.trim()).join(' | ')));
    const reading = await page
      .getByTestId('sweep-reading')
      .evaluate((el) => [...el.querySelectorAll('p')].map((p) => p.textContent).join(' '))
      .catch(() => '');
    const what = hardware ? 'one click on the page as it opens: MLP, 1 epoch' : 'MNIST sample, MLP, 3 epochs';
    console.log(`\n7. ${title} (${what}; ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    for (const line of table) console.log(line);
    console.log(`Reading: ${reading}`);
    const resolution = await page
      .getByTestId('sweep-resolution')
      .textContent()
      .catch(() => '');
    if (resolution) console.log(resolution);
    await page.close();
  }
}

// 8. Frames while WebGL trains (a walk through the app once saw frames of up to 1.4 s): 20 s of the default CNN and of
// the overfitting demo on WebGL, with a compositor-driven animation on the page so that every display frame is drawn.
// Presented frames come from a Chromium trace (Display::DrawAndSwap), main-thread frames from animation-frame gaps.
if (want('webgl-frames')) {
  console.log('\n8. Frames while WebGL trains (20 s each): presented frames over 50 ms | main-thread frames over 50 ms | tasks over 50 ms');
  const runs = [
    ['default CNN', 'e2e.maxVal=512&v=1&ds=mnist-sample&be=webgl'],
    [
      'oversized MLP, 2 % of the data',
      'v=1&ds=mnist-sample&m=flatten()~dense(1024_relu)~dense(1024_relu)~dense(512_relu)&tf=0.02&ln=0.2&ep=40&be=webgl',
    ],
  ];
  for (const [name, query] of runs) {
    const page = await openApp(query);
    await page
      .getByTestId('backend-reason')
      .waitFor({ timeout: 120_000 })
      .catch(() => undefined);
    await page.addStyleTag({
      content:
        '@keyframes bench-spin { to { transform: rotate(360deg); } } .bench-spin { position: fixed; top: 0; left: 0; width: 8px; height: 8px; background: #000; animation: bench-spin 1s linear infinite; }',
    });
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { className: 'bench-spin' })));
    const tracePath = join(tmpdir(), `bench-webgl-${process.pid}.json`);
    await browser.startTracing(page, { path: tracePath, categories: ['viz', 'toplevel'] });
    const since = await page.evaluate(() => performance.now());
    await page.getByTestId('train-button').click();
    await page.waitForTimeout(20_000);
    await browser.stopTracing();
    const events = JSON.parse(readFileSync(tracePath, 'utf8')).traceEvents;
    rmSync(tracePath, { force: true });
    const swaps = events
      .filter((e) => e.name === 'Display::DrawAndSwap' && e.ph === 'X')
      .map((e) => e.ts)
      .sort((a, b) => a - b);
    const gaps = swaps.slice(1).map((ts, i) => (ts - swaps[i]) / 1000);
    const presented = `${swaps.length} drawn, ${gaps.filter((g) => g > 50).length} over 50 ms (longest ${fmt(Math.max(0, ...gaps))} ms)`;
    console.log(
      `${name} on ${await page.getByTestId('backend').textContent()} (epoch ${await page.getByTestId('epoch').textContent()}, step ${await page.getByTestId('step').textContent()}): ${presented} | ${summary(await slowFrames(page, since))} | ${summary(await longTasks(page, since))}`,
    );
    await stopIfRunning(page);
    await page.close();
  }
}

// 9. WASM threads, on this page served cross-origin isolated (the preview server sends COOP/COEP).
if (want('wasm-threads')) {
  const cnn = { ...MODELS[1], backends: ['wasm'], noAuto: true };
  console.log(`\n9. WASM threads: default CNN on WASM, the app's loop (samples/s, ${ENGINE_MS / 1000} s after warm-up), interleaved`);
  for (const round of [1, 2]) {
    for (const threads of [undefined, 2]) {
      const result = await engine({ kind: 'backends', ...cnn, wasmThreads: threads });
      const label = threads ? `${threads} threads (the worker pretends ${threads * 2} cores)` : "this device's rule";
      console.log(
        `round ${round}, ${label}: ${typeof result.speeds.wasm === 'number' ? fmt(result.speeds.wasm) : result.speeds.wasm} samples/s on ${result.wasmThreads ?? '?'} thread(s)`,
      );
    }
  }
}

// 10. The first minute (bench/firstMinute.mjs).
if (want('first-minute')) {
  await firstMinute(async (query, hash = '') => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}?${query}${hash ? `#${hash}` : ''}`);
    await page.getByTestId('train-button').waitFor();
    return page;
  }, fmt);
}

const dist = join(import.meta.dirname, '..', 'dist');

// 11. Time to accuracy.
if (want('accuracy')) await timeToAccuracy(browser, base, dist, fmt);

// 12. Full Fashion-MNIST in the page.
if (want('full-data')) await fullData(browser, openApp, longTasks, summary, fmt);

// 13. Class imbalance.
if (want('imbalance')) await imbalanceTable(browser, base, fmt);

// 14. k-fold's spread.
if (want('folds')) await foldTable(browser, base, fmt);

// 15. Transfer with frozen layers.
if (want('transfer')) await transferTable(browser, base, fmt);

// 16. Lessons, timed.
if (want('lessons')) await lessonTable(browser, base, fmt);
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const pageScripts = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
console.log(`\nPage JavaScript before training (gzipped): ${(pageScripts.reduce((sum, file) => sum + gz(file), 0) / 1024).toFixed(1)} KB`);
for (const chunk of readdirSync(join(dist, 'assets')).filter((f) => f.startsWith('worker-') && f.endsWith('.js')))
  console.log(`Worker chunk (tfjs, off the main thread): ${chunk} ${(gz(join('assets', chunk)) / 1024).toFixed(1)} KB gzipped`);

await browser.close();
await server.close();

// npm run bench: drives the built app in headless Chromium and prints figures
// (it never fails on a time). Per backend: samples/s of the app's worker loop
// vs a bare tfjs model.fit in a worker (same model, data, optimizer), main-
// thread long tasks while training with the charts visible, and time from
// pressing Train to the first metric. Then the tensor count per epoch and
// the gzipped size of the JavaScript the page loads before training.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS, systemChromium } from '../scripts/browser-path.mjs';

const BACKENDS = (process.env.BENCH_BACKENDS ?? 'webgpu,webgl,wasm,cpu').split(',');
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 12_000);
const WARMUP_MS = 2_000;
const PORT = 4174;

const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const base = `http://127.0.0.1:${PORT}/`;
const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
const rows = [];

/** Seconds a person takes to reach Train; the worker preloads data and backend meanwhile. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 8_000);

async function openPage(query, settleMs = SETTLE_MS) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${base}?${query}`);
  await page.getByTestId('train-button').waitFor();
  await page.waitForTimeout(settleMs);
  return page;
}

/** Clicks Train; resolves with ms to the first step, then records step changes for `windowMs`. */
function trainAndRecord(page, windowMs) {
  return page.evaluate(
    (windowMs) =>
      new Promise((resolve) => {
        const step = document.querySelector('[data-testid="step"]');
        const changes = [];
        const t0 = performance.now();
        let first = null;
        const observer = new MutationObserver(() => {
          const value = Number(step.textContent);
          const now = performance.now();
          if (value >= 1 && first === null) first = now - t0;
          changes.push([now, value]);
        });
        observer.observe(step, { childList: true, subtree: true, characterData: true });
        document.querySelector('[data-testid="train-button"]').click();
        const finish = () => {
          observer.disconnect();
          resolve({ firstMetricMs: first, changes, t0 });
        };
        const wait = () => (first === null && performance.now() - t0 < 120_000 ? setTimeout(wait, 100) : setTimeout(finish, windowMs));
        wait();
      }),
    windowMs,
  );
}

function samplesPerSecond(changes, from, batchSize) {
  const inWindow = changes.filter(([t]) => t >= from);
  if (inWindow.length < 2) return null;
  const [t0, s0] = inWindow[0];
  const [t1, s1] = inWindow[inWindow.length - 1];
  return ((s1 - s0) * batchSize * 1000) / (t1 - t0);
}

for (const backend of BACKENDS) {
  const row = { backend };
  rows.push(row);
  // The app's loop, on all 8,000 training digits (so no epoch end interrupts the window).
  const page = await openPage(`e2e.maxVal=256`, 0);
  await page.getByTestId('backend-select').selectOption(backend);
  await page.waitForTimeout(SETTLE_MS);
  const record = await trainAndRecord(page, WARMUP_MS + MEASURE_MS);
  const used = (await page.getByTestId('backend').textContent())?.trim();
  if (used !== backend) {
    row.note = `app falls back to ${used}: ${(await page.getByTestId('backend-fallbacks').textContent().catch(() => ''))?.replace(/\s+/g, ' ').trim()}`;
  }
  const firstAt = record.t0 + (record.firstMetricMs ?? 0);
  row.firstMetricMs = record.firstMetricMs;
  row.appSamplesPerSecond = used === backend ? samplesPerSecond(record.changes, firstAt + WARMUP_MS, 64) : null;
  row.longTasks = await page.evaluate((since) => window.__longTasks.filter((t) => t.start >= since), record.t0);
  await page.close();

  // Bare model.fit baseline.
  const fitPage = await browser.newPage();
  await fitPage.goto(`${base}bench/fit.html`);
  const fit = await fitPage.evaluate((request) => window.runFit(request), { backend, baseUrl: base, samples: 8000, durationMs: MEASURE_MS });
  row.fitSamplesPerSecond = fit.error ? null : fit.samplesPerSecond;
  row.fitError = fit.error;
  await fitPage.close();
  console.log(JSON.stringify(row));
}

// A cold start: Train pressed the moment the page shows (auto backend).
const coldPage = await openPage('e2e.maxVal=256', 0);
const cold = await trainAndRecord(coldPage, 0);
await coldPage.close();

// Tensor count per epoch: several short epochs on the auto backend.
const tensorPage = await openPage('e2e.maxTrain=256&e2e.maxVal=64');
await tensorPage.getByTestId('train-button').click();
const tensors = [];
for (let epoch = 2; epoch <= 5; epoch++) {
  await tensorPage.waitForFunction((e) => Number(document.querySelector('[data-testid="epoch"]').textContent) >= e, epoch, { timeout: 300_000 });
  tensors.push(Number(await tensorPage.getByTestId('tensor-count').textContent()));
}
const tensorBackend = await tensorPage.getByTestId('backend').textContent();
await tensorPage.close();

// JavaScript the page itself loads (the worker chunk, with tfjs, loads in the worker).
const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const pageScripts = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
const pageJsKb = pageScripts.reduce((sum, file) => sum + gz(file), 0) / 1024;

await browser.close();
await server.close();

const fmt = (n, digits = 0) => (n === null || n === undefined ? '—' : n.toFixed(digits));
console.log('\nTraining throughput, default CNN, batch 64 (samples/s; window %d s after %d s warm-up)', MEASURE_MS / 1000, WARMUP_MS / 1000);
console.log('backend | app loop | bare model.fit | ratio | Train→first metric | long tasks >50 ms (max ms)');
for (const r of rows) {
  const ratio = r.appSamplesPerSecond && r.fitSamplesPerSecond ? r.appSamplesPerSecond / r.fitSamplesPerSecond : null;
  const longest = r.longTasks.reduce((m, t) => Math.max(m, t.duration), 0);
  console.log(
    `${r.backend} | ${fmt(r.appSamplesPerSecond)} | ${r.fitError ? `cannot train (${r.fitError.slice(0, 80)})` : fmt(r.fitSamplesPerSecond)} | ${fmt(ratio, 2)} | ${fmt(r.firstMetricMs)} ms | ${r.longTasks.length} (${fmt(longest)})`,
  );
  if (r.note) console.log(`  note: ${r.note}`);
}
console.log(`(Train pressed ${SETTLE_MS / 1000} s after the page opened.) Cold start, Train pressed at once, auto backend: ${fmt(cold.firstMetricMs)} ms to the first metric.`);
console.log(`\nTensors after epochs 2-5 (${tensorBackend}): ${tensors.join(', ')} (${new Set(tensors).size === 1 ? 'flat' : 'NOT flat'})`);
console.log(`Page JavaScript before training (gzipped): ${pageJsKb.toFixed(1)} KB in ${pageScripts.join(', ')}`);
const workerChunks = readdirSync(join(dist, 'assets')).filter((f) => f.startsWith('worker') && f.endsWith('.js'));
for (const chunk of workerChunks) console.log(`Worker chunk (tfjs, loaded off the main thread): ${chunk} ${(gz(join('assets', chunk)) / 1024).toFixed(1)} KB gzipped`);

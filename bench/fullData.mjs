// Section 12 of `npm run bench`: full Fashion-MNIST (Debian's 60,000 training
// images, gzipped IDX) opened in the page as "your IDX files", as a user
// does: parse time, peak memory of the page and of the training worker
// (V8 heap plus array-buffer backing stores, from the DevTools protocol,
// sampled every 100 ms), one epoch of the default CNN on auto and its
// validation accuracy, and main-thread tasks over 50 ms while it loads and trains.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const FASHION_DIR = process.env.BENCH_FASHION_DIR ?? '/usr/share/datasets/fashion-mnist';
const MiB = 2 ** 20;

/** Peaks of each page and worker target's memory, sampled until stopped. */
async function memorySampler(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const peaks = { page: 0, worker: 0 };
  const sessions = new Map();
  const waiting = new Map();
  let id = 0;
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  });
  const ask = (sessionId) =>
    new Promise((resolve) => {
      const n = ++id;
      waiting.set(n, resolve);
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: n, method: 'Runtime.getHeapUsage' }) })
        .catch(() => {
          waiting.delete(n);
          resolve(undefined);
        });
      setTimeout(() => {
        if (waiting.delete(n)) resolve(undefined);
      }, 1_000);
    });
  let running = true;
  const loop = (async () => {
    while (running) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      for (const target of targetInfos.filter((t) => t.type === 'page' || t.type === 'worker')) {
        if (!sessions.has(target.targetId)) {
          const attached = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false }).catch(() => null);
          if (attached) sessions.set(target.targetId, attached.sessionId);
        }
        const usage = await ask(sessions.get(target.targetId));
        if (usage) {
          const bytes = usage.usedSize + (usage.backingStorageSize ?? 0) + (usage.embedderHeapUsedSize ?? 0);
          peaks[target.type] = Math.max(peaks[target.type], bytes);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    /** The peaks so far. */
    peaks: () => ({ ...peaks }),
    stop: async () => {
      running = false;
      await loop;
      await cdp.detach();
      return peaks;
    },
  };
}

export async function fullData(browser, openApp, longTasks, summary, fmt) {
  const images = join(FASHION_DIR, 'train-images-idx3-ubyte.gz');
  if (!existsSync(images)) {
    console.log("\n12. Full Fashion-MNIST in the page: skipped (install Debian's dataset-fashion-mnist, or set BENCH_FASHION_DIR)");
    return;
  }
  const page = await openApp('');
  const sampler = await memorySampler(browser);
  await page.getByText('Use your own IDX files').click();
  const loadStart = await page.evaluate(() => performance.now());
  await page.getByLabel(/IDX files/).setInputFiles([images, join(FASHION_DIR, 'train-labels-idx1-ubyte.gz')]);
  await page.getByTestId('dataset-active').filter({ hasText: 'train-images-idx3-ubyte' }).waitFor({ timeout: 300_000 });
  const loadEnd = await page.evaluate(() => performance.now());
  const loadTasks = await longTasks(page, loadStart);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const loaded = sampler.peaks();
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  const trainStart = await page.evaluate(() => performance.now());
  await page.getByTestId('train-button').click();
  await page.waitForFunction(
    () => ['done', 'stopped', 'error'].includes(document.querySelector('[data-testid="run-status"]')?.textContent ?? ''),
    null,
    { timeout: 1_800_000, polling: 500 },
  );
  const trainEnd = await page.evaluate(() => performance.now());
  const peaks = await sampler.stop();
  const trainTasks = (await longTasks(page, loadEnd)).filter((t) => t.start >= trainStart);
  const status = await page.getByTestId('run-status').textContent();
  const accuracy = await page.getByTestId('metric-val-accuracy').textContent();
  const backend = await page.getByTestId('backend').textContent();
  const sizes = await page
    .getByText(/training \/ [\d,]+ validation samples/)
    .first()
    .textContent()
    .catch(() => '');
  console.log(`\n12. Full Fashion-MNIST opened as "your IDX files" (Debian's train-images/labels, gzipped), default CNN on auto`);
  console.log(
    `parse (choose files -> data ready): ${fmt((loadEnd - loadStart) / 1000, 1)} s | one epoch (Train -> ${status}, ${sizes}) on ${backend}: ${fmt((trainEnd - trainStart) / 1000, 1)} s | validation accuracy after it: ${accuracy}`,
  );
  console.log(
    `peak memory (V8 heap + array buffers): page ${fmt(peaks.page / MiB)} MiB, worker ${fmt(loaded.worker / MiB)} MiB while loading and ${fmt(peaks.worker / MiB)} MiB while training (the images alone: ${fmt((60_000 * 784) / MiB)} MiB) | main-thread tasks over 50 ms while loading: ${summary(loadTasks)}, while training: ${summary(trainTasks)}`,
  );
  await page.close();
}

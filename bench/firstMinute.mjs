// Section 10 of `npm run bench`: the first minute, as a user meets it, idle
// and with a CPU hog (a busy loop in a child process on one core), since
// classroom machines are rarely idle:
//  - Train -> first step right after changing the data and the model;
//  - parsing a pasted 200-row CSV;
//  - auto against every explicit backend for the four models, each chosen
//    in the page after it has loaded, as a user does: steps per second over
//    a window after auto's in-run timing, and auto / fastest.
import { spawn } from 'node:child_process';

const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 6_000);
const BACKENDS = ['fused', 'wasm', 'cpu', 'webgl', 'webgpu'];
/** Links of the four models; every run trains a 1,024-sample slice with 256 for validation, so epochs are short. */
const MODELS = [
  { name: 'MNIST MLP', hash: 'v=1&ds=mnist-sample&m=flatten()~dense(128_relu)~dense(64_relu)&ep=1000&pace=max', batch: 64 },
  { name: 'default CNN', hash: 'v=1&ds=mnist-sample&ep=1000&pace=max', batch: 64 },
  {
    name: 'oversized MLP',
    hash: 'v=1&ds=mnist-sample&m=flatten()~dense(1024_relu)~dense(1024_relu)~dense(512_relu)&ep=1000&pace=max',
    batch: 64,
  },
  {
    name: 'spiral 2-8-8-2',
    hash: 'v=1&ds=synthetic&syn=spiral&noise=0&n=500&vs=0.5&feat=x1,x2&m=dense(8_tanh)~dense(8_tanh)&opt=sgd&lr=0.03&bs=10&ep=100000&pace=max',
    batch: 10,
  },
];
const CAPS = 'e2e.maxTrain=1024&e2e.maxVal=256';

/** A busy loop on one core until stopped. */
function cpuHog() {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return () => child.kill('SIGKILL');
}

const stepNow = (page) => page.evaluate(() => Number(document.querySelector('[data-testid="step"]')?.textContent ?? 0));

/** Milliseconds from the Train click to the first step, timed in the page. */
function firstStep(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const step = document.querySelector('[data-testid="step"]');
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (Number(step.textContent) >= 1) {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        observer.observe(step, { childList: true, characterData: true, subtree: true });
        document.querySelector('[data-testid="train-button"]').click();
      }),
  );
}

async function stop(page) {
  if (await page.getByTestId('stop-button').isEnabled()) await page.getByTestId('stop-button').click();
  await page.waitForFunction(() => /stopped|done|error/.test(document.querySelector('[data-testid="run-status"]')?.textContent ?? ''));
}

async function firstSteps(newPage, fmt) {
  const page = await newPage(CAPS);
  const figures = [];
  await page.getByLabel('Dataset').selectOption('synthetic');
  figures.push(`2-D set just picked ${fmt(await firstStep(page))} ms`);
  await stop(page);
  await page.getByLabel('Dataset').selectOption('mnist-sample');
  await page.getByLabel('Preset').selectOption('mlp');
  figures.push(`MNIST + MLP preset just picked ${fmt(await firstStep(page))} ms`);
  await stop(page);
  await page.getByLabel('Preset').selectOption('overfit');
  figures.push(`oversized preset just picked ${fmt(await firstStep(page))} ms`);
  await stop(page);
  await page.getByLabel('Dataset').selectOption('sample:iris');
  await page.getByTestId('dataset-active').filter({ hasText: 'iris' }).waitFor();
  figures.push(`iris just loaded ${fmt(await firstStep(page))} ms`);
  await stop(page);
  const rows = Array.from({ length: 200 }, (_, i) => `${i},${(i * 7) % 13},${i % 3 === 0 ? 'a' : 'b'}`);
  await page.getByText('Use your own CSV').click();
  await page.getByLabel('Paste CSV text').fill(['x,y,label', ...rows].join('\n'));
  const parseStart = Date.now();
  await page.getByRole('button', { name: 'Use pasted text' }).click();
  await page.getByTestId('csv-summary').filter({ hasText: '200 rows' }).waitFor();
  figures.push(`a pasted 200-row CSV parsed in ${fmt(Date.now() - parseStart)} ms`);
  await page.close();
  return figures.join(' | ');
}

/** Steps per second of a run on `backend`, chosen in the page after it loaded, over WINDOW_MS once auto has timed the backends. */
async function steadyRate(newPage, model, backend) {
  const page = await newPage(CAPS, model.hash);
  await page.getByTestId('backend-select').selectOption(backend);
  await page.getByTestId('train-button').click();
  const outcome = await page
    .waitForFunction(
      (auto) => {
        const status = document.querySelector('[data-testid="run-status"]')?.textContent;
        if (status === 'error') return 'error';
        const reason = document.querySelector('[data-testid="backend-reason"]')?.textContent ?? '';
        const epoch = Number(document.querySelector('[data-testid="epoch"]')?.textContent ?? 0);
        return (auto ? /Auto timed every backend|Auto moved this run/.test(reason) : true) && epoch >= 2 ? 'ready' : false;
      },
      backend === 'auto',
      { timeout: 240_000, polling: 100 },
    )
    .then((handle) => handle.jsonValue())
    .catch(() => 'timeout');
  if (outcome !== 'ready') {
    const error = await page
      .getByTestId('error')
      .textContent()
      .catch(() => '');
    await page.close();
    const cannot = /cannot train/.test(error ?? '');
    return {
      rate: null,
      note: outcome === 'error' ? (cannot ? 'cannot train it' : (error ?? 'error').slice(0, 60)) : 'too slow to reach epoch 2 in 4 min',
    };
  }
  const [s0, t0] = [await stepNow(page), Date.now()];
  await page.waitForTimeout(WINDOW_MS);
  const rate = (((await stepNow(page)) - s0) * model.batch * 1000) / (Date.now() - t0);
  const chosen = await page.getByTestId('backend').textContent();
  await stop(page);
  await page.close();
  return { rate, chosen };
}

/** Prints section 10. `newPage(query, hash)` opens the built app. */
export async function firstMinute(newPage, fmt) {
  for (const load of ['idle', 'with a CPU hog on one core']) {
    const release = load === 'idle' ? () => undefined : cpuHog();
    try {
      console.log(`\n10. The first minute, ${load}`);
      console.log(`Train -> first step: ${await firstSteps(newPage, fmt)}`);
      console.log('| model | ' + BACKENDS.join(' | ') + ' | auto (chose) | auto / fastest |');
      for (const model of MODELS) {
        const rates = {};
        for (const backend of BACKENDS) rates[backend] = await steadyRate(newPage, model, backend);
        const auto = await steadyRate(newPage, model, 'auto');
        const fastest = Math.max(...Object.values(rates).map((r) => r.rate ?? 0));
        const cells = BACKENDS.map((b) => (rates[b].rate === null ? `— (${rates[b].note})` : fmt(rates[b].rate)));
        console.log(
          `| ${model.name} | ${cells.join(' | ')} | ${auto.rate === null ? auto.note : `${fmt(auto.rate)} (${auto.chosen})`} | ${auto.rate === null ? '—' : fmt(auto.rate / fastest, 2)} |`,
        );
      }
    } finally {
      release();
    }
  }
}

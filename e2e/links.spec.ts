import { expect, test } from './test';

const CSV = 'https://data.invalid/cars.csv';
const CARS = [
  'horsepower,weight,origin',
  ...Array.from({ length: 40 }, (_, i) => `${60 + i * 3},${1800 + i * 50},${['USA', 'Europe', 'Japan'][i % 3]}`),
].join('\n');

test('a link to a CSV address fetches nothing until the reader agrees, then opens its experiment', async ({ page, context }) => {
  let requests = 0;
  await context.route(`${CSV}*`, (route) => {
    requests++;
    return route.fulfill({ body: CARS, contentType: 'text/csv', headers: { 'access-control-allow-origin': '*' } });
  });
  await page.goto(`/?e2e.maxTrain=64#v=1&ds=csv&src=${encodeURIComponent(`url:${CSV}`)}&hdr=auto&m=flatten()~dense(6_relu)&lr=0.02`);
  const pending = page.getByTestId('pending-link');
  await expect(pending).toContainText('This link wants to download data');
  await expect(pending).toContainText(CSV);
  await expect(pending).toContainText('unknown until it is read');
  await page.waitForTimeout(1000);
  expect(requests).toBe(0);
  // Meanwhile the page keeps its own experiment, and the link stays in the address bar.
  await expect(page.getByTestId('dataset-active')).toContainText('MNIST sample');
  expect(page.url()).toContain('data.invalid');
  await page.screenshot({ path: 'test-results/pending-link.png' });

  await page.getByTestId('pending-link-load').click();
  await expect(page.getByTestId('dataset-active')).toContainText(CSV);
  expect(requests).toBe(1);
  await expect(page.getByTestId('csv-summary')).toContainText('40 rows');
  await expect(page.getByLabel('Layer 2 units')).toHaveValue('6');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.02');
  await expect(pending).toHaveCount(0);
});

test('the training worker contacts only what the page allows, under the headers a static host sends', async ({ page, context }) => {
  const PLAIN = 'http://data.invalid/cars.csv';
  let requests = 0;
  await context.route(`${PLAIN}*`, (route) => {
    requests++;
    return route.fulfill({ body: CARS, contentType: 'text/csv', headers: { 'access-control-allow-origin': '*' } });
  });
  const workerHeaders = page.waitForResponse((response) => /\/assets\/worker-[\w-]+\.js$/.test(response.url()));
  const first = await page.goto(`/#v=1&ds=csv&src=${encodeURIComponent(`url:${PLAIN}`)}&hdr=auto&m=flatten()~dense(6_relu)`);
  // The preview server sends public/_headers' policy, to the page and to the worker's script.
  expect(first!.headers()['content-security-policy']).toContain("connect-src 'self' https:; font-src 'self'");
  expect(first!.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  expect((await workerHeaders).headers()['content-security-policy']).toContain("connect-src 'self' https:");
  await page.getByTestId('pending-link-load').click();
  const error = page.getByTestId('data-error');
  await expect(error).toContainText('Only https addresses can be downloaded from here');
  await expect(error).toContainText('http://data.invalid was not contacted');
  await expect(page.getByTestId('dataset-active')).toContainText('MNIST sample');
  expect(requests).toBe(0);
});

test('a failed load names the dataset that is still active, and a declined link changes nothing', async ({ page, context }) => {
  await context.route(`${CSV}*`, (route) => route.abort('internetdisconnected'));
  await page.goto(`/#v=1&ds=csv&src=${encodeURIComponent(`url:${CSV}`)}&hdr=auto&m=flatten()~dense(6_relu)&lr=0.02`);
  await page.getByTestId('pending-link-load').click();
  const error = page.getByTestId('data-error');
  await expect(error).toContainText(`${CSV} could not be loaded`);
  await expect(error).toContainText('The previous dataset (MNIST sample) is still active.');
  await expect(page.getByTestId('dataset-active')).toContainText('MNIST sample');
  // The message wraps inside its box; its Dismiss button can be clicked.
  await error.getByRole('button', { name: 'Dismiss' }).click();
  await expect(error).toHaveCount(0);

  let sprites = 0;
  await context.route('**/learnjs-data/**', (route) => {
    sprites++;
    return route.abort('blockedbyclient');
  });
  await page.goto('/#v=1&ds=fashion-mnist&lr=0.005');
  const pending = page.getByTestId('pending-link');
  await expect(pending).toContainText('Full Fashion-MNIST (65,000 images)');
  await expect(pending).toContainText('storage.googleapis.com');
  await expect(pending).toContainText('about 11 MB');
  await pending.getByRole('button', { name: 'Keep the current experiment' }).click();
  await expect(pending).toHaveCount(0);
  await expect(page.getByTestId('dataset-active')).toContainText('MNIST sample');
  expect(sprites).toBe(0);
});

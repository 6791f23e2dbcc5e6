import { afterEach, describe, expect, it, vi } from 'vitest';
import { DownloadError, fetchBytes } from '../../src/train/data/fetchBytes';

/** A response whose body arrives in `chunks`. */
function streamed(chunks: Uint8Array[], headers: Record<string, string> = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(body, { headers });
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchBytes', () => {
  it('reports progress byte by byte against content-length', async () => {
    vi.stubGlobal('fetch', async () => streamed([new Uint8Array([1, 2]), new Uint8Array([3, 4, 5])], { 'content-length': '5' }));
    const progress: [number, number | null][] = [];
    const { bytes, fromCache } = await fetchBytes('https://example.test/a', (loaded, total) => progress.push([loaded, total]));
    expect(Array.from(bytes)).toEqual([1, 2, 3, 4, 5]);
    expect(fromCache).toBe(false);
    expect(progress).toEqual([
      [2, 5],
      [5, 5],
      [5, 5],
    ]);
  });

  it('says the connection was cut, and how far it got, instead of a bare "network error"', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!this.sent) {
          this.sent = true;
          controller.enqueue(new Uint8Array(2 ** 20));
        } else controller.error(new TypeError('network error'));
      },
      sent: false,
    } as UnderlyingDefaultSource<Uint8Array> & { sent: boolean });
    vi.stubGlobal('fetch', async () => new Response(body, { headers: { 'content-length': String(4 * 2 ** 20) } }));
    const failure = fetchBytes('https://data.invalid/x.csv', () => undefined);
    await expect(failure).rejects.toBeInstanceOf(DownloadError);
    await expect(failure).rejects.toThrow(
      'The connection was cut after 1.0 MiB of 4.0 MiB while downloading https://data.invalid/x.csv (the browser said: network error).',
    );
  });

  it('refuses a file over the limit, by header or by counting', async () => {
    vi.stubGlobal('fetch', async () => streamed([new Uint8Array(10)], { 'content-length': String(3 * 2 ** 20) }));
    await expect(fetchBytes('https://example.test/big', () => undefined, { maxBytes: 2 ** 20 })).rejects.toThrow(
      /3.0 MiB, over the limit of 1 MiB/,
    );
    vi.stubGlobal('fetch', async () => streamed([new Uint8Array(600_000), new Uint8Array(600_000)]));
    await expect(fetchBytes('https://example.test/big', () => undefined, { maxBytes: 2 ** 20 })).rejects.toThrow(/over the limit/);
  });

  it('gives the advice that fits the file: the full-MNIST image cannot be loaded by hand', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const sprite = fetchBytes('https://elsewhere.test/mnist_images.png', () => undefined, {
      advice: 'Try again when the connection is back.',
    });
    await expect(sprite).rejects.toThrow(/Try again when the connection is back\.$/);
    await expect(fetchBytes('https://elsewhere.test/a.csv', () => undefined)).rejects.toThrow(/load it from your computer instead/);
  });

  it('explains a network or CORS failure, and an HTTP error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const failure = fetchBytes('https://elsewhere.test/data.csv', () => undefined);
    await expect(failure).rejects.toBeInstanceOf(DownloadError);
    await expect(failure).rejects.toThrow(/does not allow other sites to read the file \(CORS\)/);
    vi.stubGlobal('fetch', async () => new Response('no', { status: 404, statusText: 'Not Found' }));
    await expect(fetchBytes('https://example.test/x', () => undefined)).rejects.toThrow('the server answered 404 Not Found.');
  });
});

// Downloads with byte-level progress, an optional size limit, and an
// optional Cache API copy so that a second visit works offline.
import { fetchRefusal } from './fetchGuard';

export type Progress = (loaded: number, total: number | null) => void;

const CACHE_NAME = 'training-playground-data-v1';

export class DownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** A download cut part way (the browser says only "network error"), in words a person can act on. */
function cut(url: string, loaded: number, total: number | null, error: unknown): DownloadError {
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
  const reason = error instanceof Error && error.message ? ` (the browser said: ${error.message})` : '';
  const got = loaded > 0 ? `after ${mib(loaded)}${total ? ` of ${mib(total)}` : ''}` : 'before any data arrived';
  return new DownloadError(
    `The connection was cut ${got} while downloading ${url}${reason}. Check the connection and try again; the data in use stays.`,
  );
}

async function readBody(
  response: Response,
  onProgress: Progress,
  maxBytes: number | undefined,
  url: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const header = Number(response.headers.get('content-length'));
  const total = Number.isFinite(header) && header > 0 ? header : null;
  if (maxBytes !== undefined && total !== null && total > maxBytes) {
    throw new DownloadError(`The file is ${(total / 2 ** 20).toFixed(1)} MiB, over the limit of ${(maxBytes / 2 ** 20).toFixed(0)} MiB.`);
  }
  if (!response.body) {
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw cut(url, 0, total, error);
    }
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    let part: ReadableStreamReadResult<Uint8Array>;
    try {
      part = await reader.read();
    } catch (error) {
      throw cut(url, loaded, total, error);
    }
    const { done, value } = part;
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    if (maxBytes !== undefined && loaded > maxBytes) {
      await reader.cancel();
      throw new DownloadError(`The file is over the limit of ${(maxBytes / 2 ** 20).toFixed(0)} MiB.`);
    }
    onProgress(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  onProgress(loaded, total ?? loaded);
  return bytes;
}

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(CACHE_NAME);
  } catch {
    return null;
  }
}

/** Whether every one of `urls` has a cached copy (false when the cache cannot be read). */
export async function allCached(urls: readonly string[]): Promise<boolean> {
  const cache = await openCache();
  if (!cache || urls.length === 0) return false;
  try {
    const found = await Promise.all(urls.map((url) => cache.match(url)));
    return found.every((response) => response !== undefined);
  } catch {
    return false;
  }
}

/**
 * The bytes at `url`. With `cache`, a copy is kept (Cache API) and used
 * next time, also offline. Failures become messages a person can act on;
 * `advice` says what to do when the file cannot be reached at all.
 */
export async function fetchBytes(
  url: string,
  onProgress: Progress,
  options: { cache?: boolean; maxBytes?: number; advice?: string } = {},
): Promise<{ bytes: Uint8Array<ArrayBuffer>; fromCache: boolean }> {
  // Said in words before the guard in front of fetch refuses it with a bare TypeError.
  const refusal = fetchRefusal(url, globalThis.location?.origin ?? 'null');
  if (refusal)
    throw new DownloadError(`${refusal} ${options.advice ?? 'Download the file yourself and load it from your computer instead.'}`);
  const cache = options.cache ? await openCache() : null;
  const cached = await cache?.match(url);
  if (cached) return { bytes: await readBody(cached, onProgress, options.maxBytes, url), fromCache: true };
  let response: Response;
  try {
    response = await fetch(url, { mode: 'cors' });
  } catch {
    throw new DownloadError(
      `Could not download ${url}. Either there is no network connection, or the server does not allow other sites to read the file (CORS). ` +
        (options.advice ?? 'Download the file yourself and load it from your computer instead.'),
    );
  }
  if (!response.ok)
    throw new DownloadError(
      `Could not download ${url}: the server answered ${response.status} ${response.statusText}.`.replace(/ \./, '.'),
    );
  const bytes = await readBody(response, onProgress, options.maxBytes, url);
  if (cache) {
    try {
      await cache.put(url, new Response(bytes, { headers: { 'content-length': String(bytes.length) } }));
    } catch {
      // Full or unavailable storage: the data still works for this visit.
    }
  }
  return { bytes, fromCache: false };
}

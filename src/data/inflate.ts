// Inflating untrusted archives with a cap checked while inflating: a 1 MB
// zip or gzip that would grow to gigabytes stops at the cap with a message,
// never allocating beyond it. Runs wherever it is called (the training
// worker calls it, so the page never freezes on a bomb).
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';

const MIB = 2 ** 20;
const mib = (bytes: number) => `${Math.round(bytes / MIB).toLocaleString('en-US')} MiB`;

export class InflateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InflateError';
  }
}

function joined(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * The entries of a zip that `keep` names (the others are never inflated),
 * each at most `entryCap` bytes and all together at most `totalCap`,
 * counted as they inflate. `label` names the file in messages.
 */
export function unzipCapped(
  bytes: Uint8Array,
  label: string,
  keep: (name: string) => boolean,
  entryCap: number,
  totalCap: number,
): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  let total = 0;
  let failure: string | null = null;
  const unzip = new Unzip((file) => {
    if (failure !== null || !keep(file.name)) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (failure !== null) return;
      if (error) {
        failure = `${label}: ${file.name.slice(0, 80)} cannot be read (${error.message}).`;
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > entryCap || total > totalCap) {
        failure =
          size > entryCap
            ? `${label}: ${file.name.slice(0, 80)} inflates to more than ${mib(entryCap)}, more than any model file this app writes; it was not opened.`
            : `${label} inflates to more than ${mib(totalCap)}; it was not opened.`;
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) out.push({ name: file.name, bytes: joined(chunks, size) });
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    unzip.push(bytes, true);
  } catch (error) {
    if (failure === null) failure = `${label} is not a readable zip file (${error instanceof Error ? error.message : String(error)}).`;
  }
  if (failure !== null) throw new InflateError(failure);
  return out;
}

/** Gunzips with the platform's DecompressionStream, stopping past `cap` bytes with a message. */
export async function gunzipCapped(bytes: Uint8Array, cap: number, label: string): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > cap) {
      await reader.cancel();
      throw new InflateError(`${label} inflates to more than ${mib(cap)}; no data set this app takes is that large, so it was not opened.`);
    }
    chunks.push(value);
  }
  return joined(chunks, size);
}

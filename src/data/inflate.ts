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

/** The size a gzip's trailer states (ISIZE: the inflated length mod 2^32, little-endian), or null without one. */
async function statedSize(source: Blob): Promise<number | null> {
  if (source.size < 18) return null;
  const tail = new DataView(await source.slice(source.size - 4).arrayBuffer());
  return tail.getUint32(0, true);
}

/**
 * Gunzips with the platform's DecompressionStream, stopping past `cap` bytes
 * with a message. A Blob (a chosen file) is streamed from disk, never read
 * whole. The output goes into one buffer of the size the gzip's trailer
 * states, so the inflated bytes exist once (a trailer that is wrong, or a
 * file of several gzip members, falls back to growing the buffer).
 */
export async function gunzipCapped(source: Uint8Array | Blob, cap: number, label: string): Promise<Uint8Array> {
  const blob = source instanceof Blob ? source : new Blob([source as BlobPart]);
  const stated = await statedSize(blob);
  let out = new Uint8Array(stated !== null && stated <= cap ? stated : 0);
  let size = 0;
  const reader = blob.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.length > cap) {
      await reader.cancel();
      throw new InflateError(`${label} inflates to more than ${mib(cap)}; no data set this app takes is that large, so it was not opened.`);
    }
    if (size + value.length > out.length) {
      const grown = new Uint8Array(Math.min(cap, Math.max(2 * out.length, size + value.length, 1 << 16)));
      grown.set(out.subarray(0, size));
      out = grown;
    }
    out.set(value, size);
    size += value.length;
  }
  return size === out.length ? out : out.subarray(0, size);
}

// Decoder for the IDX format of the original MNIST files
// (http://yann.lecun.com/exdb/mnist/): big-endian magic 0x00 0x00 <type> <rank>,
// then `rank` uint32 dimensions, then the data. Only unsigned bytes (type 0x08)
// are accepted: that is what every MNIST-like set uses.
import { gunzipCapped } from './inflate';

const UBYTE = 0x08;
const GZIP_MAGIC = [0x1f, 0x8b];

/** A decoded IDX array: `dims` e.g. [N, 28, 28], `data` row-major bytes. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Decodes an uncompressed IDX buffer. Throws a readable message on bad input. */
export function decodeIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) throw new Error('Not an IDX file: it is shorter than its 4-byte header.');
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new Error('Not an IDX file: the magic number must start with two zero bytes.');
  if (bytes[2] !== UBYTE) {
    throw new Error(`Unsupported IDX element type 0x${bytes[2].toString(16)}: only unsigned bytes (0x08) are supported.`);
  }
  const rank = bytes[3];
  if (rank < 1 || rank > 4) throw new Error(`Unsupported IDX rank ${rank}.`);
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) throw new Error('Truncated IDX header.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  const expected = dims.reduce((a, b) => a * b, 1);
  const available = bytes.length - headerLength;
  if (available < expected) {
    throw new Error(`Truncated IDX data: the header promises ${expected} bytes, the file holds ${available}.`);
  }
  return { dims, data: bytes.subarray(headerLength, headerLength + expected) };
}

/** True when `bytes` start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** An IDX file inflated beyond this is refused while inflating (full MNIST's images are 47 MB, EMNIST Balanced's 86 MB). */
export const MAX_IDX_BYTES = 512 * 2 ** 20;

/** Gunzips with the platform's DecompressionStream (browser, worker, Node 18+), up to MAX_IDX_BYTES. */
export function gunzip(bytes: Uint8Array | Blob, label = 'The file'): Promise<Uint8Array> {
  return gunzipCapped(bytes, MAX_IDX_BYTES, label);
}

/** Decodes IDX bytes that may or may not be gzipped; `label` names the file in messages. */
export async function decodeMaybeGzippedIdx(bytes: Uint8Array, label?: string): Promise<IdxArray> {
  return decodeIdx(isGzip(bytes) ? await gunzip(bytes, label) : bytes);
}

/**
 * Decodes a chosen IDX file, gzipped or not. A gzipped one is inflated as it
 * streams from disk: its compressed bytes are never held whole.
 */
export async function decodeIdxFile(file: Blob, label: string): Promise<IdxArray> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return decodeIdx(isGzip(head) ? await gunzip(file, label) : new Uint8Array(await file.arrayBuffer()));
}

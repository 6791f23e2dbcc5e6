// Small files in the formats the app reads, made by the tests themselves
// (tests never touch the network).
import { deflateSync, gzipSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG of `width` x `height` pixels. */
export function png(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (1 + width * 4) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `count` 28x28 digits in the tfjs sprite format (grey in red), with one-hot labels (class i % 10). */
export function spriteFiles(count: number): { images: Buffer; labels: Buffer } {
  const rgba = new Uint8Array(count * 784 * 4);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < 784; p++) {
      const o = (i * 784 + p) * 4;
      // A bright band whose row depends on the class, so the classes are learnable.
      const row = Math.floor(p / 28);
      rgba[o] = row >= (i % 10) * 2 && row < (i % 10) * 2 + 4 ? 250 : 10;
      rgba[o + 3] = 255;
    }
  }
  const labels = Buffer.alloc(count * 10);
  for (let i = 0; i < count; i++) labels[i * 10 + (i % 10)] = 1;
  return { images: png(784, count, rgba), labels };
}

/** The same digits as gzipped IDX files (images idx3, labels idx1). */
/** Original-format IDX files (gzipped): `count` 28x28 images, labels 0..9 in turn (or all `oneClass`). */
export function idxFiles(count: number, oneClass?: number): { images: Buffer; labels: Buffer } {
  const images = Buffer.alloc(16 + count * 784);
  images.writeUInt32BE(0x0803, 0);
  images.writeUInt32BE(count, 4);
  images.writeUInt32BE(28, 8);
  images.writeUInt32BE(28, 12);
  for (let i = 0; i < count; i++)
    for (let p = 0; p < 784; p++)
      images[16 + i * 784 + p] = Math.floor(p / 28) >= (i % 10) * 2 && Math.floor(p / 28) < (i % 10) * 2 + 4 ? 250 : 10;
  const labels = Buffer.alloc(8 + count);
  labels.writeUInt32BE(0x0801, 0);
  labels.writeUInt32BE(count, 4);
  for (let i = 0; i < count; i++) labels[8 + i] = oneClass ?? i % 10;
  return { images: gzipSync(images), labels: gzipSync(labels) };
}

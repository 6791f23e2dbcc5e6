import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeIdx, decodeIdxFile, decodeMaybeGzippedIdx } from '../../src/data/idx';
import { datasetFromIdx, loadBundledMnist, uploadedIdxDataset } from '../../src/data/mnist';

/** Writes an IDX ubyte file the way the MNIST distribution does. */
function idx(dims: number[], data: number[]): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(bytes.buffer);
  bytes[2] = 0x08;
  bytes[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  bytes.set(data, 4 + 4 * dims.length);
  return bytes;
}

describe('IDX decoding', () => {
  it('reads dimensions big-endian and the bytes after the header', () => {
    const decoded = decodeIdx(idx([2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]));
    expect(decoded.dims).toEqual([2, 2, 3]);
    expect([...decoded.data]).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
  });

  it('accepts gzipped and plain files alike', async () => {
    const plain = idx([3], [7, 8, 9]);
    expect([...(await decodeMaybeGzippedIdx(gzipSync(plain))).data]).toEqual([7, 8, 9]);
    expect([...(await decodeMaybeGzippedIdx(plain)).data]).toEqual([7, 8, 9]);
    expect([...(await decodeIdxFile(new File([gzipSync(plain)], 'x-idx1-ubyte.gz'), 'x')).data]).toEqual([7, 8, 9]);
    expect([...(await decodeIdxFile(new File([plain as BlobPart], 'x-idx1-ubyte'), 'x')).data]).toEqual([7, 8, 9]);
  });

  it('explains what is wrong with a bad file', () => {
    expect(() => decodeIdx(new Uint8Array([1, 2]))).toThrow(/shorter than its 4-byte header/);
    expect(() => decodeIdx(new Uint8Array([1, 0, 8, 1, 0, 0, 0, 1, 5]))).toThrow(/two zero bytes/);
    expect(() => decodeIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 5]))).toThrow(/element type 0xd/);
    expect(() => decodeIdx(idx([4], [1, 2]))).toThrow(/promises 4 bytes, the file holds 2/);
  });

  it('checks that images and labels agree', async () => {
    const images = idx([2, 2, 2], [0, 0, 0, 0, 255, 255, 255, 255]);
    await expect(datasetFromIdx('t', images, idx([3], [0, 1, 2]))).rejects.toThrow(/2 images but the label file 3 labels/);
    await expect(datasetFromIdx('t', images, idx([2], [0, 12]))).rejects.toThrow(/Label 12 at index 1/);
    const ok = await datasetFromIdx('t', images, idx([2], [3, 4]));
    expect(ok.sampleShape).toEqual([2, 2, 1]);
    expect([...ok.y]).toEqual([3, 4]);
  });
});

describe('bundled MNIST sample', () => {
  it('holds 10,000 real digits, about 1,000 per class, as bytes', async () => {
    const fetchFromDisk = (async (url: URL) =>
      new Response(readFileSync(new URL(`../../public/${url.pathname.replace(/^\//, '')}`, import.meta.url)))) as unknown as typeof fetch;
    const mnist = await loadBundledMnist('http://local/', fetchFromDisk);
    expect(mnist.count).toBe(10_000);
    expect(mnist.x).toBeInstanceOf(Uint8Array);
    expect(mnist.x.length).toBe(10_000 * 784);
    expect(mnist.sampleShape).toEqual([28, 28, 1]);
    const perClass = new Array(10).fill(0);
    for (const label of mnist.y) perClass[label]++;
    for (const n of perClass) expect(n).toBeGreaterThan(800);
    // Real digits: mostly black background, some full-white strokes.
    let zeros = 0;
    let max = 0;
    for (let i = 0; i < 784 * 100; i++) {
      if (mnist.x[i] === 0) zeros++;
      max = Math.max(max, mnist.x[i]);
    }
    expect(zeros / (784 * 100)).toBeGreaterThan(0.7);
    expect(max).toBe(255);
  });
});

describe('uploaded IDX files', () => {
  const images = (count: number) => decodeIdx(idx([count, 2, 2], new Array(count * 4).fill(7)));
  const labels = (values: number[]) => decodeIdx(idx([values.length], values));

  it('become a dataset with classes up to the largest label', () => {
    const dataset = uploadedIdxDataset('mine', images(3), labels([0, 2, 1]));
    expect(dataset.classes).toEqual(['0', '1', '2']);
    expect(dataset.sampleShape).toEqual([2, 2, 1]);
  });

  it('are refused at load when there is nothing to learn, with the reason', () => {
    expect(() => uploadedIdxDataset('none', images(0), labels([]))).toThrow('holds 0 images');
    expect(() => uploadedIdxDataset('one', images(1), labels([3]))).toThrow('at least 2');
    expect(() => uploadedIdxDataset('same', images(4), labels([3, 3, 3, 3]))).toThrow('Every label in the label file is 3');
  });
});

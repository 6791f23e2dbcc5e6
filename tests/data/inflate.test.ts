// Bombs: a small zip or gzip that inflates far beyond its size is stopped
// at the cap while inflating, with a message, and only the entries asked
// for are inflated at all.
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gunzipCapped, InflateError, unzipCapped } from '../../src/data/inflate';
import { expandModelFiles } from '../../src/train/data/modelFiles';

const MIB = 2 ** 20;
const zeros = (bytes: number) => new Uint8Array(bytes);

describe('capped inflation', () => {
  it('stops a zip entry at its cap while inflating', () => {
    const bomb = zipSync({ 'weights.bin': zeros(64 * MIB) }, { level: 9 });
    expect(bomb.length).toBeLessThan(MIB);
    expect(() => unzipCapped(bomb, 'bomb.zip', () => true, 8 * MIB, 16 * MIB)).toThrow(InflateError);
    expect(() => unzipCapped(bomb, 'bomb.zip', () => true, 8 * MIB, 16 * MIB)).toThrow(/weights.bin inflates to more than 8 MiB/);
  });

  it('caps the entries together, and never inflates the ones not asked for', () => {
    const many = zipSync({ 'a.bin': zeros(6 * MIB), 'b.bin': zeros(6 * MIB), 'huge.txt': zeros(64 * MIB) }, { level: 9 });
    expect(() => unzipCapped(many, 'many.zip', (name) => name.endsWith('.bin'), 8 * MIB, 10 * MIB)).toThrow(
      /many.zip inflates to more than 10 MiB/,
    );
    const kept = unzipCapped(many, 'many.zip', (name) => name.endsWith('.bin'), 8 * MIB, 16 * MIB);
    expect(kept.map((entry) => [entry.name, entry.bytes.length])).toEqual([
      ['a.bin', 6 * MIB],
      ['b.bin', 6 * MIB],
    ]);
  });

  it('stops a gzip bomb at its cap', async () => {
    const bomb = gzipSync(zeros(64 * MIB), { level: 9 });
    await expect(gunzipCapped(bomb, 8 * MIB, 'images.gz')).rejects.toThrow(/images.gz inflates to more than 8 MiB/);
    expect((await gunzipCapped(gzipSync(zeros(1000)), 8 * MIB, 'small.gz')).length).toBe(1000);
  });

  it('gunzips a chosen file as it streams, into the size its trailer states, and copes with a trailer that lies', async () => {
    const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31) % 251);
    const gz = gzipSync(data);
    const fromFile = await gunzipCapped(new File([gz], 'images.gz'), 8 * MIB, 'images.gz');
    expect(fromFile.length).toBe(data.length);
    expect(fromFile.buffer.byteLength).toBe(data.length);
    expect(Buffer.from(fromFile).equals(Buffer.from(data))).toBe(true);
    for (const stated of [10, data.length + 5_000, 0xffffffff]) {
      const lying = Uint8Array.from(gz);
      new DataView(lying.buffer).setUint32(lying.length - 4, stated, true);
      // The stream checks the trailer at its end; what was inflated before is the file's data either way.
      const out = await gunzipCapped(lying, 8 * MIB, 'lying.gz').catch((error: Error) => error);
      if (out instanceof Error) expect(out.message).not.toMatch(/inflates to more than/);
      else expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
    }
    const bomb = Uint8Array.from(gzipSync(zeros(64 * MIB), { level: 9 }));
    new DataView(bomb.buffer).setUint32(bomb.length - 4, 100, true);
    await expect(gunzipCapped(new File([bomb], 'bomb.gz'), 8 * MIB, 'bomb.gz')).rejects.toThrow(/bomb.gz inflates to more than 8 MiB/);
  });

  it('opens a model zip to its .json and .bin entries only', async () => {
    const zip = zipSync({ 'model.json': new TextEncoder().encode('{}'), 'weights.bin': zeros(8), 'notes.txt': zeros(4) });
    const files = await expandModelFiles([new File([zip], 'model.zip'), new File(['{}'], 'experiment.json')]);
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'experiment.json']);
  });
});

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

  it('opens a model zip to its .json and .bin entries only', async () => {
    const zip = zipSync({ 'model.json': new TextEncoder().encode('{}'), 'weights.bin': zeros(8), 'notes.txt': zeros(4) });
    const files = await expandModelFiles([new File([zip], 'model.zip'), new File(['{}'], 'experiment.json')]);
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'experiment.json']);
  });
});

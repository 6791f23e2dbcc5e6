import { describe, expect, it } from 'vitest';
import { decodeOneHotLabels, redChannel, SPRITE_WIDTH } from '../../src/data/sprite';

describe('sprite decoding', () => {
  it('takes the red channel of each row as one image', () => {
    const rows = 2;
    const rgba = new Uint8ClampedArray(rows * SPRITE_WIDTH * 4);
    for (let i = 0; i < rows * SPRITE_WIDTH; i++) {
      rgba[i * 4] = i % 251; // red
      rgba[i * 4 + 1] = 7; // green and blue are ignored
      rgba[i * 4 + 3] = 255;
    }
    const into = new Uint8Array(3 * SPRITE_WIDTH);
    redChannel(rgba, rows, into, 1);
    expect(into[0]).toBe(0);
    expect(into[SPRITE_WIDTH]).toBe(0);
    expect(into[SPRITE_WIDTH + 300]).toBe(300 % 251);
    expect(into[3 * SPRITE_WIDTH - 1]).toBe((2 * SPRITE_WIDTH - 1) % 251);
    expect(() => redChannel(rgba, 3, into, 0)).toThrow(/Expected 3 rows/);
  });

  it('reads one-hot labels and refuses broken ones', () => {
    const bytes = new Uint8Array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(decodeOneHotLabels(bytes, 2))).toEqual([2, 9]);
    expect(() => decodeOneHotLabels(bytes, 3)).toThrow(/holds 2 labels for 3 images/);
    expect(() => decodeOneHotLabels(new Uint8Array(10), 1)).toThrow(/no class/);
  });
});

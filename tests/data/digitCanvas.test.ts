import { describe, expect, it } from 'vitest';
import { preprocessDrawing, SIDE } from '../../src/data/digitCanvas';

function canvas(width: number, height: number, paint: (x: number, y: number) => number): Uint8Array {
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) ink[y * width + x] = paint(x, y);
  return ink;
}

describe('digit canvas preprocessing (as MNIST)', () => {
  it('scales a tall bar to 20 pixels high and centres its mass at (14, 14)', () => {
    // A 40 x 200 bar on a 280 x 280 canvas: scale 0.1 gives a 4 x 20 block.
    const ink = canvas(280, 280, (x, y) => (x >= 100 && x < 140 && y >= 40 && y < 240 ? 255 : 0));
    const image = preprocessDrawing(ink, 280, 280);
    const expected = new Uint8Array(SIDE * SIDE);
    for (let y = 4; y < 24; y++) for (let x = 12; x < 16; x++) expected[y * SIDE + x] = 255;
    expect(Array.from(image)).toEqual(Array.from(expected));
  });

  it('averages partly covered pixels and keeps the aspect of a wide stroke', () => {
    // A 100 x 50 block of ink 200: 20 x 10 after scaling, every pixel 200.
    const ink = canvas(200, 200, (x, y) => (x >= 0 && x < 100 && y >= 150 && y < 200 ? 200 : 0));
    const image = preprocessDrawing(ink, 200, 200);
    const rows = Array.from({ length: SIDE }, (_, y) => image.slice(y * SIDE, (y + 1) * SIDE).some((v) => v > 0)).filter(Boolean).length;
    const cols = Array.from({ length: SIDE }, (_, x) =>
      Array.from({ length: SIDE }, (_, y) => image[y * SIDE + x]).some((v) => v > 0),
    ).filter(Boolean).length;
    expect([cols, rows]).toEqual([20, 10]);
    expect(Math.max(...image)).toBe(200);
  });

  it('gives a blank image for a blank canvas', () => {
    expect(preprocessDrawing(new Uint8Array(100), 10, 10).every((v) => v === 0)).toBe(true);
  });
});

// Drawings a person might make on the 280 x 280 canvas that are not digits,
// as ink (one value per pixel, 0 to 255), drawn with a round pen as the page's is.
const SIZE = 280;
const PEN = 9;

function stroke(ink: Uint8Array, points: readonly (readonly [number, number])[]): void {
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
    for (let s = 0; s <= steps; s++) {
      const cx = x0 + ((x1 - x0) * s) / steps;
      const cy = y0 + ((y1 - y0) * s) / steps;
      for (let y = Math.floor(cy - PEN); y <= cy + PEN; y++)
        for (let x = Math.floor(cx - PEN); x <= cx + PEN; x++)
          if (x >= 0 && y >= 0 && x < SIZE && y < SIZE && Math.hypot(x - cx, y - cy) <= PEN) ink[y * SIZE + x] = 255;
    }
  }
}

/** A house: a square with a roof. */
export function house(): Uint8Array {
  const ink = new Uint8Array(SIZE * SIZE);
  stroke(ink, [
    [60, 130],
    [60, 250],
    [220, 250],
    [220, 130],
    [60, 130],
    [140, 40],
    [220, 130],
  ]);
  return ink;
}

/** What the lessons' tests draw: a house (the prediction's question asks about one). */
export const notADigit = house;

// A drawing -> a 28x28 image prepared the way MNIST digits were: the ink's
// bounding box is scaled (keeping its aspect) to fit 20x20 with area
// averaging, then placed so its centre of mass sits at the centre (14, 14).

export const SIDE = 28;
const BOX = 20;

/** `ink`: one value per pixel in [0, 255], row-major, `width` x `height`. Returns 784 bytes. */
export function preprocessDrawing(ink: ArrayLike<number>, width: number, height: number): Uint8Array {
  let top = height;
  let left = width;
  let bottom = -1;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  const out = new Uint8Array(SIDE * SIDE);
  if (bottom < 0) return out;
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;
  const scale = BOX / Math.max(boxWidth, boxHeight);
  const targetWidth = Math.max(1, Math.round(boxWidth * scale));
  const targetHeight = Math.max(1, Math.round(boxHeight * scale));
  // Area averaging: each target pixel is the mean of the source pixels it covers.
  const small = new Float32Array(targetWidth * targetHeight);
  for (let ty = 0; ty < targetHeight; ty++) {
    const y0 = top + Math.floor((ty * boxHeight) / targetHeight);
    const y1 = top + Math.max(Math.floor(((ty + 1) * boxHeight) / targetHeight), y0 - top + 1);
    for (let tx = 0; tx < targetWidth; tx++) {
      const x0 = left + Math.floor((tx * boxWidth) / targetWidth);
      const x1 = left + Math.max(Math.floor(((tx + 1) * boxWidth) / targetWidth), x0 - left + 1);
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += ink[y * width + x];
      small[ty * targetWidth + tx] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < targetHeight; y++) {
    for (let x = 0; x < targetWidth; x++) {
      const v = small[y * targetWidth + x];
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const offsetX = clamp(Math.round(SIDE / 2 - cx / mass), SIDE - targetWidth);
  const offsetY = clamp(Math.round(SIDE / 2 - cy / mass), SIDE - targetHeight);
  for (let y = 0; y < targetHeight; y++) {
    for (let x = 0; x < targetWidth; x++) out[(y + offsetY) * SIDE + x + offsetX] = Math.round(small[y * targetWidth + x]);
  }
  return out;
}

// Draws a house (a square with a roof, in one stroke) on the page's drawing
// pad with the mouse, as a learner would: what the lessons' browser test and
// bench draw where a step reads a drawing ("no model is perfect").

/** One stroke, as fractions of the pad's width and height. */
const HOUSE = [
  [0.2, 0.45],
  [0.2, 0.9],
  [0.8, 0.9],
  [0.8, 0.45],
  [0.2, 0.45],
  [0.5, 0.12],
  [0.8, 0.45],
];

/**
 * @param {import('@playwright/test').Page} page
 * @param {import('@playwright/test').Locator} pad the canvas
 */
export async function drawHouse(page, pad) {
  const box = await pad.boundingBox();
  if (!box) throw new Error('The drawing pad is not on the page.');
  const at = ([x, y]) => page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 4 });
  await at(HOUSE[0]);
  await page.mouse.down();
  for (const point of HOUSE.slice(1)) await at(point);
  await page.mouse.up();
}

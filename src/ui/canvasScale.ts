/**
 * Device pixels per CSS pixel for a canvas: crisp on a high-density screen
 * (2), and on others no more pixels than shown, since every redraw of a live
 * canvas is uploaded whole to the compositor.
 */
export const canvasScale = (): number => Math.min(Math.max(Math.round(globalThis.devicePixelRatio ?? 1), 1), 2);

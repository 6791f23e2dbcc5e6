import { useEffect, useRef, useState } from 'react';
import type { MetricsSlice } from '../../state/store';
import { fromClassColors, tokenColor, type Rgb } from '../tokens';
import { canvasScale } from '../canvasScale';

/** Drawn size in CSS pixels. */
const SIZE = 400;

function blend(blue: Rgb, orange: Rgb, t: number): [number, number, number] {
  return [0, 1, 2].map((k) => Math.round(blue[k] + (orange[k] - blue[k]) * t)) as [number, number, number];
}

/** RGBA for each grey level as one 32-bit word, computed once per colour pair: drawing a 100x100 grid is one pass of table lookups. */
const palettes = fromClassColors((blue, orange) => {
  const shaded = new Uint8ClampedArray(256 * 4);
  // Discretised: each cell is the class it predicts, no shades of confidence (TensorFlow Playground's "discretize output").
  const discrete = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) {
    shaded.set([...blend(blue, orange, v / 255), 170], v * 4);
    discrete.set([...blend(blue, orange, v >= 128 ? 1 : 0), 150], v * 4);
  }
  return {
    shaded: new Uint32Array(shaded.buffer),
    discrete: new Uint32Array(discrete.buffer),
    blend: (t: number) => blend(blue, orange, t),
  };
});

interface Props {
  boundary: NonNullable<MetricsSlice['boundary']>;
  scatter: MetricsSlice['scatter'];
  regression: boolean;
}

/** The model's output over the plane (from the worker, redrawn as epochs arrive) with the training and validation points. */
export function DecisionBoundary({ boundary, scatter, regression }: Props) {
  const surfaceRef = useRef<HTMLCanvasElement>(null);
  const pointsRef = useRef<HTMLCanvasElement>(null);
  const [showValidation, setShowValidation] = useState(true);
  const [discrete, setDiscrete] = useState(false);
  // The surface is drawn at the grid's own resolution and scaled by CSS
  // (smoothly, as before): each epoch uploads 100x100 pixels, not 800x800.
  useEffect(() => {
    const canvas = surfaceRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const { size, values } = boundary;
    if (canvas.width !== size) canvas.width = canvas.height = size;
    const image = new ImageData(size, size);
    const pixels = new Uint32Array(image.data.buffer);
    const palette = discrete && !regression ? palettes().discrete : palettes().shaded;
    for (let i = 0; i < values.length; i++) pixels[i] = palette[values[i]];
    context.putImageData(image, 0, 0);
  }, [boundary, regression, discrete]);
  // The points sit on their own layer, drawn again only when they change:
  // for regression their colours follow the surface's range, rounded.
  const min = regression ? Number(boundary.min.toPrecision(2)) : 0;
  const max = regression ? Number(boundary.max.toPrecision(2)) : 1;
  const extent = boundary.extent;
  useEffect(() => {
    const canvas = pointsRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const scale = canvasScale();
    const side = SIZE * scale;
    if (canvas.width !== side) canvas.width = canvas.height = side;
    context.clearRect(0, 0, side, side);
    if (!scatter) return;
    const mix = palettes().blend;
    const paper = tokenColor('paper');
    const toPixel = (v: number) => ((v + extent) / (2 * extent)) * side;
    scatter.labels.forEach((label, i) => {
      if (!showValidation && !scatter.train[i]) return;
      const x = toPixel(scatter.xy[2 * i]);
      const y = side - toPixel(scatter.xy[2 * i + 1]);
      const [r, g, b] = regression ? mix(Math.min(Math.max((label - min) / Math.max(max - min, 1e-9), 0), 1)) : mix(label);
      context.beginPath();
      // Training points are filled discs; validation points are hollow rings.
      context.arc(x, y, 4 * scale, 0, 2 * Math.PI);
      context.lineWidth = 1.5 * scale;
      if (scatter.train[i]) {
        context.fillStyle = `rgb(${r}, ${g}, ${b})`;
        context.fill();
        context.strokeStyle = paper;
      } else {
        context.fillStyle = paper;
        context.fill();
        context.strokeStyle = `rgb(${r}, ${g}, ${b})`;
        context.lineWidth = 2.5 * scale;
      }
      context.stroke();
    });
  }, [scatter, regression, showValidation, min, max, extent]);
  let orange = 0;
  for (const v of boundary.values) if (v >= 128) orange++;
  const share = orange / boundary.values.length;
  const summary = regression
    ? `Predicted surface after epoch ${boundary.epoch}: values from ${boundary.min.toFixed(2)} (blue) to ${boundary.max.toFixed(2)} (orange).`
    : `Decision boundary after epoch ${boundary.epoch}: the model predicts orange on ${Math.round(share * 100)}% of the plane and blue on the rest.`;
  return (
    <figure className="boundary" data-testid="decision-boundary" data-epoch={boundary.epoch}>
      <figcaption>{regression ? 'Predicted surface' : 'Decision boundary'}</figcaption>
      <div className="boundary-stage">
        <canvas ref={surfaceRef} className="boundary-surface" data-testid="boundary-surface" role="img" aria-label={summary} />
        <canvas ref={pointsRef} className="boundary-points" aria-hidden="true" />
      </div>
      <div className="toggles">
        <label className="checkbox">
          <input type="checkbox" checked={showValidation} onChange={(event) => setShowValidation(event.target.checked)} />
          Show validation points
        </label>
        {!regression && (
          <label className="checkbox">
            <input type="checkbox" checked={discrete} onChange={(event) => setDiscrete(event.target.checked)} />
            Discretise the output
          </label>
        )}
      </div>
      <p className="hint" data-testid="boundary-summary">
        {summary} Points: filled = training, hollow ring = validation.
      </p>
    </figure>
  );
}

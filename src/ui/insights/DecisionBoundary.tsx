import { useEffect, useRef, useState } from 'react';
import type { MetricsSlice } from '../../state/store';
import { BLUE, ORANGE } from '../tokens';

/** Drawn size in CSS pixels (the canvas has twice as many device pixels for a crisp picture). */
const SIZE = 400;
const SCALE = 2;

function blend(t: number): [number, number, number] {
  return [0, 1, 2].map((k) => Math.round(BLUE[k] + (ORANGE[k] - BLUE[k]) * t)) as [number, number, number];
}

/** RGBA for each grey level as one 32-bit word, computed once: drawing a 100x100 grid is one pass of table lookups. */
const PALETTE = (() => {
  const bytes = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) bytes.set([...blend(v / 255), 170], v * 4);
  return new Uint32Array(bytes.buffer);
})();
/** Discretised: each cell is the class it predicts, no shades of confidence (TensorFlow Playground's "discretize output"). */
const DISCRETE = (() => {
  const bytes = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) bytes.set([...blend(v >= 128 ? 1 : 0), 150], v * 4);
  return new Uint32Array(bytes.buffer);
})();

interface Props {
  boundary: NonNullable<MetricsSlice['boundary']>;
  scatter: MetricsSlice['scatter'];
  regression: boolean;
}

/** The model's output over the plane (from the worker, redrawn as epochs arrive) with the training and validation points. */
export function DecisionBoundary({ boundary, scatter, regression }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const cellRef = useRef<HTMLCanvasElement | null>(null);
  const [showValidation, setShowValidation] = useState(true);
  const [discrete, setDiscrete] = useState(false);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const { size, values, extent } = boundary;
    const image = new ImageData(size, size);
    const pixels = new Uint32Array(image.data.buffer);
    const palette = discrete && !regression ? DISCRETE : PALETTE;
    for (let i = 0; i < values.length; i++) pixels[i] = palette[values[i]];
    const cell = (cellRef.current ??= document.createElement('canvas'));
    cell.width = size;
    cell.height = size;
    cell.getContext('2d')!.putImageData(image, 0, 0);
    const side = SIZE * SCALE;
    context.clearRect(0, 0, side, side);
    context.imageSmoothingEnabled = true;
    context.drawImage(cell, 0, 0, side, side);
    if (!scatter) return;
    const toPixel = (v: number) => ((v + extent) / (2 * extent)) * side;
    scatter.labels.forEach((label, i) => {
      if (!showValidation && !scatter.train[i]) return;
      const x = toPixel(scatter.xy[2 * i]);
      const y = side - toPixel(scatter.xy[2 * i + 1]);
      const [r, g, b] = regression ? blend(Math.min(Math.max((label - boundary.min) / Math.max(boundary.max - boundary.min, 1e-9), 0), 1)) : blend(label);
      context.beginPath();
      // Training points are filled discs; validation points are hollow rings.
      context.arc(x, y, 4 * SCALE, 0, 2 * Math.PI);
      context.lineWidth = 1.5 * SCALE;
      if (scatter.train[i]) {
        context.fillStyle = `rgb(${r}, ${g}, ${b})`;
        context.fill();
        context.strokeStyle = '#fff';
      } else {
        context.fillStyle = '#fff';
        context.fill();
        context.strokeStyle = `rgb(${r}, ${g}, ${b})`;
        context.lineWidth = 2.5 * SCALE;
      }
      context.stroke();
    });
  }, [boundary, scatter, regression, showValidation, discrete]);
  let orange = 0;
  for (const v of boundary.values) if (v >= 128) orange++;
  const share = orange / boundary.values.length;
  const summary = regression
    ? `Predicted surface after epoch ${boundary.epoch}: values from ${boundary.min.toFixed(2)} (blue) to ${boundary.max.toFixed(2)} (orange).`
    : `Decision boundary after epoch ${boundary.epoch}: the model predicts orange on ${Math.round(share * 100)}% of the plane and blue on the rest.`;
  return (
    <figure className="boundary" data-testid="decision-boundary" data-epoch={boundary.epoch}>
      <figcaption>{regression ? 'Predicted surface' : 'Decision boundary'}</figcaption>
      <canvas ref={ref} width={SIZE * SCALE} height={SIZE * SCALE} role="img" aria-label={summary} />
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

import { useEffect, useRef } from 'react';
import type { MetricsSlice } from '../../state/store';

const SIZE = 300;
const BLUE = [28, 126, 214];
const ORANGE = [240, 140, 0];

function blend(t: number): [number, number, number] {
  return [0, 1, 2].map((k) => Math.round(BLUE[k] + (ORANGE[k] - BLUE[k]) * t)) as [number, number, number];
}

interface Props {
  boundary: NonNullable<MetricsSlice['boundary']>;
  scatter: MetricsSlice['scatter'];
  regression: boolean;
}

/** The model's output over the plane (from the worker, redrawn every epoch) with the training and validation points. */
export function DecisionBoundary({ boundary, scatter, regression }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const { size, values, extent } = boundary;
    const image = new ImageData(size, size);
    values.forEach((v, i) => {
      const [r, g, b] = blend(v / 255);
      image.data.set([r, g, b, 150], i * 4);
    });
    const cell = document.createElement('canvas');
    cell.width = size;
    cell.height = size;
    cell.getContext('2d')!.putImageData(image, 0, 0);
    context.clearRect(0, 0, SIZE, SIZE);
    context.imageSmoothingEnabled = true;
    context.drawImage(cell, 0, 0, SIZE, SIZE);
    if (!scatter) return;
    const toPixel = (v: number) => ((v + extent) / (2 * extent)) * SIZE;
    scatter.labels.forEach((label, i) => {
      const x = toPixel(scatter.xy[2 * i]);
      const y = SIZE - toPixel(scatter.xy[2 * i + 1]);
      const [r, g, b] = regression ? blend(Math.min(Math.max((label - boundary.min) / Math.max(boundary.max - boundary.min, 1e-9), 0), 1)) : blend(label);
      context.beginPath();
      context.arc(x, y, 3.5, 0, 2 * Math.PI);
      context.fillStyle = `rgb(${r}, ${g}, ${b})`;
      context.fill();
      context.lineWidth = 1.2;
      context.strokeStyle = scatter.train[i] ? '#fff' : '#000';
      context.stroke();
    });
  }, [boundary, scatter, regression]);
  const share = boundary.values.filter((v) => v >= 128).length / boundary.values.length;
  const summary = regression
    ? `Predicted surface after epoch ${boundary.epoch}: values from ${boundary.min.toFixed(2)} (blue) to ${boundary.max.toFixed(2)} (orange).`
    : `Decision boundary after epoch ${boundary.epoch}: the model predicts orange on ${Math.round(share * 100)}% of the plane and blue on the rest.`;
  return (
    <figure className="boundary" data-testid="decision-boundary">
      <figcaption>{regression ? 'Predicted surface' : 'Decision boundary'}</figcaption>
      <canvas ref={ref} width={SIZE} height={SIZE} role="img" aria-label={summary} />
      <p className="hint" data-testid="boundary-summary">
        {summary} Points: white rim = training, black rim = validation.
      </p>
    </figure>
  );
}

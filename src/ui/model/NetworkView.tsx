import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../../state/store';
import { FEATURE_LABELS } from '../../data/features';
import type { LayerInfo, OutputSpec } from '../../model/spec';
import { pictureChange } from '../../model/picture';
import { classColors, diverging, rgb, tokenColor } from '../tokens';
import { layoutNetwork, type DrawnNetwork } from './networkLayout';
import { useThrottledValue } from '../charts/useThrottledValue';
import { canvasScale } from '../canvasScale';

/** The picture redraws at most this often (the worker sends at most one per frame). */
const REDRAW_MS = 16;

function drawHeatmap(
  context: CanvasRenderingContext2D,
  palette: Uint32Array,
  bytes: Uint8Array,
  offset: number,
  side: number,
  x: number,
  y: number,
  size: number,
  cell: HTMLCanvasElement,
) {
  const image = new ImageData(side, side);
  const pixels = new Uint32Array(image.data.buffer);
  for (let i = 0; i < side * side; i++) pixels[i] = palette[bytes[offset + i]];
  cell.getContext('2d')!.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(cell, 0, 0, side, side, x, y, size, size);
}

/** Draws edges, nodes and their heatmaps onto the canvas (device pixels = `scale` x CSS pixels). */
function paint(canvas: HTMLCanvasElement, net: DrawnNetwork, cell: HTMLCanvasElement, scale: number) {
  const context = canvas.getContext('2d')!;
  context.setTransform(scale, 0, 0, scale, 0, 0);
  context.clearRect(0, 0, net.width, net.height);
  // Tokens and the palette once per paint, not per node.
  const { blue, orange } = classColors();
  const palette = diverging();
  const [pass, unknown, tall, plain, line, frozen] = (
    ['edge-pass', 'edge-unknown', 'node-tall', 'node', 'node-line', 'frozen-line'] as const
  ).map(tokenColor);
  for (const edge of net.edges) {
    context.strokeStyle =
      edge.weight === null ? (edge.kind === 'pass' ? pass : unknown) : rgb(edge.weight >= 0 ? orange : blue, 0.35 + 0.65 * edge.strength);
    context.lineWidth = edge.weight === null ? 1 : 0.5 + 4 * edge.strength;
    context.beginPath();
    context.moveTo(edge.x1, edge.y1);
    context.bezierCurveTo((edge.x1 + edge.x2) / 2, edge.y1, (edge.x1 + edge.x2) / 2, edge.y2, edge.x2, edge.y2);
    context.stroke();
  }
  for (const node of net.nodes) {
    if (node.heatmap)
      drawHeatmap(context, palette, node.heatmap.bytes, node.heatmap.offset, node.heatmap.side, node.x, node.y, node.size, cell);
    else {
      context.fillStyle = node.height > node.size ? tall : plain;
      context.fillRect(node.x, node.y, node.size, node.height);
    }
    // A frozen layer's units: a dashed outline in the frozen colour, as its card in the builder.
    context.strokeStyle = node.frozen ? frozen : line;
    context.lineWidth = node.frozen ? 2 : 1;
    context.setLineDash(node.frozen ? [3, 2] : []);
    context.strokeRect(node.x + 0.5, node.y + 0.5, node.size - 1, node.height - 1);
  }
  context.setLineDash([]);
}

/** The model as a graph, input to output: one node per unit (up to a cap), edges by weight sign and size, and on 2-D sets what each unit has learned over the plane. */
export function NetworkView({ inputShape, infos, output }: { inputShape: number[]; infos: LayerInfo[]; output: OutputSpec }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const cell = useRef<HTMLCanvasElement | null>(null);
  const livePicture = useAppStore((state) => state.metrics.picture);
  const livePrevious = useAppStore((state) => state.metrics.previousPicture);
  const showChange = useAppStore((state) => state.showWeightChange);
  // The latest picture and the one before it, redrawn together at most every REDRAW_MS.
  const pair = useThrottledValue(
    useMemo(() => ({ latest: livePicture, previous: livePrevious }), [livePicture, livePrevious]),
    REDRAW_MS,
  );
  const { latest, previous } = pair;
  // The change since the picture before (after one Step: one update, with plain SGD −learning rate × the gradient).
  const change = useMemo(() => (showChange && latest && previous ? pictureChange(previous, latest) : null), [showChange, latest, previous]);
  const picture = useMemo(() => (change && latest ? { ...change, epoch: latest.epoch } : latest), [change, latest]);
  const layers = useAppStore((state) => state.config.layers);
  const dataset = useAppStore((state) => state.config.dataset);
  const inputNames = dataset.kind === 'synthetic' ? dataset.features.map((f) => FEATURE_LABELS[f]) : null;
  // A picture whose columns no longer match the stack (an edit since) is not used.
  const names = inputNames?.join('\n') ?? null;
  const net = useMemo(
    () =>
      layoutNetwork(
        { inputShape, layers, shapes: infos.map((info) => info.outputShape), output },
        names === null ? null : names.split('\n'),
        picture,
        change !== null,
      ),
    [inputShape, layers, infos, output, names, picture, change],
  );
  const [hover, setHover] = useState<string | null>(null);
  const [scale] = useState(canvasScale);
  useEffect(() => {
    if (!canvas.current) return;
    cell.current ??= document.createElement('canvas');
    cell.current.width = cell.current.height = 32;
    paint(canvas.current, net, cell.current, scale);
  }, [net, scale]);
  const nodeCount = net.nodes.length;
  return (
    <figure
      className="network"
      data-testid="network"
      data-nodes={nodeCount}
      data-epoch={picture?.epoch ?? 0}
      data-step={latest?.step ?? 0}
      data-showing={change ? 'change' : 'weights'}
      aria-label="The network, drawn"
    >
      <figcaption>
        {change && latest && previous ? (
          <>
            The network, change in its weights from step {previous.step.toLocaleString('en-US')} to step{' '}
            {latest.step.toLocaleString('en-US')}
            <span className="hint">
              {' '}
              · edges: orange rose, blue fell, thicker = larger change (largest {change.maxWeight.toPrecision(2)}) · with plain SGD, one
              step&rsquo;s change is −learning rate × the gradient
            </span>
          </>
        ) : (
          <>
            The network
            {latest
              ? `, weights ${latest.step > 0 && latest.step !== previous?.step ? `after step ${latest.step.toLocaleString('en-US')} (epoch ${latest.epoch})` : `of epoch ${latest.epoch}`}`
              : ': train to see its weights'}
            <span className="hint">
              {' '}
              · edges: orange positive, blue negative, thicker = larger{inputNames ? ' · each unit shows its output over the plane' : ''}
            </span>
          </>
        )}
      </figcaption>
      <label className="checkbox network-change">
        <input
          type="checkbox"
          checked={showChange}
          disabled={!previous}
          onChange={(event) => useAppStore.setState({ showWeightChange: event.target.checked })}
          data-testid="show-weight-change"
        />
        Show the change since the picture before
        {previous ? ` (step ${previous.step.toLocaleString('en-US')})` : ' (after a second picture: press Step)'}
      </label>
      <div className="network-stage" style={{ width: net.width, maxWidth: '100%' }}>
        <canvas
          ref={canvas}
          width={net.width * scale}
          height={net.height * scale}
          style={{ width: '100%', aspectRatio: `${net.width} / ${net.height}` }}
          role="img"
          aria-label={net.summary}
          onMouseMove={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            setHover(
              net.describeAt(((event.clientX - box.left) * net.width) / box.width, ((event.clientY - box.top) * net.height) / box.height),
            );
          }}
          onMouseLeave={() => setHover(null)}
        />
        {net.labels.map((label) => (
          <span
            key={label.key}
            className={`network-label ${label.kind}`}
            style={{ left: `${(label.x / net.width) * 100}%`, top: `${(label.y / net.height) * 100}%` }}
          >
            {label.text}
          </span>
        ))}
      </div>
      <p className="hint network-hover" aria-live="polite" data-testid="network-hover">
        {hover ?? 'Point at a unit or an edge to read its value.'}
      </p>
    </figure>
  );
}

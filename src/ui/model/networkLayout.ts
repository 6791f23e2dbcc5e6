// Where each unit and edge of the network picture goes, and what pointing at
// it reads. Pure: the structure comes from the layer stack (so the picture
// follows every edit at once), the weights and heatmaps from the worker's
// latest picture when it still matches the stack.
import type { LayerSpec, OutputSpec } from '../../model/spec';
import { HEATMAP_SIZE, MAX_DRAWN_UNITS, type NetworkPicture } from '../../model/picture';

export interface DrawnNode {
  x: number;
  y: number;
  size: number;
  column: number;
  unit: number;
  heatmap: { bytes: Uint8Array; offset: number; side: number } | null;
}

export interface DrawnEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Null before there are weights (the structure alone). */
  weight: number | null;
  /** |weight| relative to the largest drawn, 0 to 1. */
  strength: number;
  from: string;
  to: string;
}

export interface DrawnNetwork {
  width: number;
  height: number;
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  labels: { key: string; x: number; y: number; text: string; kind: 'title' | 'more' | 'chip' | 'name' }[];
  /** The whole model in one sentence (the canvas's accessible name). */
  summary: string;
  /** What is under a point of the picture, in words, or null. */
  describeAt(x: number, y: number): string | null;
}

interface Column {
  title: string;
  units: number;
  /** Names of the units (the input features), else numbered. */
  names: string[] | null;
  /** Layers between the previous column and this one that are not dense (dropout, flatten, conv, …). */
  between: string[];
}

function describeLayer(layer: LayerSpec, shape: number[]): string {
  const dims = shape.join('×');
  switch (layer.kind) {
    case 'conv2d':
      return `conv ${layer.filters} × ${layer.kernelSize}×${layer.kernelSize} → ${dims}`;
    case 'maxPool2d':
    case 'avgPool2d':
      return `${layer.kind === 'maxPool2d' ? 'max' : 'average'} pool → ${dims}`;
    case 'flatten':
      return `flatten → ${dims}`;
    case 'dropout':
      return `dropout ${layer.rate}`;
    case 'batchNormalization':
      return 'batch norm';
    case 'dense':
      return `dense ${layer.units}`;
  }
}

function columnsOf(inputShape: number[], layers: readonly LayerSpec[], shapes: number[][], output: OutputSpec, inputNames: string[] | null): Column[] {
  const flat = inputShape.length === 1;
  const columns: Column[] = [{ title: flat ? 'input' : `input ${inputShape.join('×')}`, units: flat ? inputShape[0] : 0, names: inputNames, between: [] }];
  let between: string[] = [];
  layers.forEach((layer, i) => {
    if (layer.kind === 'dense') {
      columns.push({ title: `${layer.units} ${layer.activation}`, units: layer.units, names: null, between });
      between = [];
    } else between.push(describeLayer(layer, shapes[i] ?? []));
  });
  columns.push({ title: `output ${output.activation === 'softmax' ? `${output.units} softmax` : 'linear'}`, units: output.units, names: null, between });
  return columns;
}

const distanceToSegment = (px: number, py: number, e: DrawnEdge): number => {
  const dx = e.x2 - e.x1;
  const dy = e.y2 - e.y1;
  const t = Math.max(0, Math.min(1, ((px - e.x1) * dx + (py - e.y1) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (e.x1 + t * dx), py - (e.y1 + t * dy));
};

const fixed = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3));

/** Lays the network out; `picture` is used only when its columns match the stack's. */
export function layoutNetwork(
  model: { inputShape: number[]; layers: readonly LayerSpec[]; shapes: number[][]; output: OutputSpec },
  inputNames: string[] | null,
  picture: NetworkPicture | null,
): DrawnNetwork {
  const columns = columnsOf(model.inputShape, model.layers, model.shapes, model.output, inputNames);
  const live = picture && picture.columns.length === columns.length && picture.columns.every((c, k) => c.units === columns[k].units) ? picture : null;
  const heatmaps = live?.columns.some((c) => c.heatmaps) ?? false;
  const size = heatmaps ? 30 : 16;
  const gap = heatmaps ? 10 : 8;
  const shown = columns.map((c) => (c.units === 0 ? 1 : Math.min(c.units, MAX_DRAWN_UNITS)));
  const tallest = Math.max(...shown);
  const top = 26;
  const height = top + tallest * (size + gap) + 34;
  const step = Math.max(heatmaps ? 110 : 90, Math.min(170, 640 / Math.max(columns.length - 1, 1)));
  // Room on the left for the input features' names.
  const left = inputNames ? 48 : 20;
  const width = Math.round(left + 20 + step * (columns.length - 1) + size);
  const nodes: DrawnNode[] = [];
  const labels: DrawnNetwork['labels'] = [];
  const positions: { x: number; y: number }[][] = [];
  columns.forEach((column, c) => {
    const x = left + c * step;
    const count = shown[c];
    const block = column.units === 0;
    const blockHeight = block ? Math.min(tallest, 4) * (size + gap) - gap : 0;
    const y0 = top + ((tallest - (block ? Math.min(tallest, 4) : count)) * (size + gap)) / 2;
    const colPositions: { x: number; y: number }[] = [];
    for (let k = 0; k < count; k++) {
      const y = y0 + k * (size + gap);
      const pc = live?.columns[c];
      const heatmap = pc?.heatmaps && k < pc.shown ? { bytes: pc.heatmaps, offset: k * HEATMAP_SIZE * HEATMAP_SIZE, side: HEATMAP_SIZE } : null;
      nodes.push({ x, y, size: block ? size : size, column: c, unit: k, heatmap });
      colPositions.push({ x, y: block ? y0 + blockHeight / 2 - size / 2 : y });
      if (c === 0 && column.names?.[k]) labels.push({ key: `n${k}`, x: x - 4, y: y + size / 2 - 8, text: column.names[k], kind: 'name' });
    }
    positions.push(colPositions);
    labels.push({ key: `t${c}`, x: x + size / 2, y: 4, text: column.title, kind: 'title' });
    if (column.units > count) labels.push({ key: `m${c}`, x: x + size / 2, y: y0 + count * (size + gap), text: `+${(column.units - count).toLocaleString('en-US')} more`, kind: 'more' });
    if (column.between.length > 0) labels.push({ key: `b${c}`, x: x - step / 2 + size / 2, y: height - 18, text: column.between.join(' · '), kind: 'chip' });
  });

  const nameOf = (c: number, k: number) => (c === 0 ? (columns[0].names?.[k] ?? `input ${k + 1}`) : c === columns.length - 1 ? `output ${k + 1}` : `layer ${c} unit ${k + 1}`);
  const edges: DrawnEdge[] = [];
  for (let c = 0; c + 1 < columns.length; c++) {
    const weights = live ? live.edges[c] : null;
    // Before any weights, edges are drawn where the next layer is dense on this column directly.
    const direct = weights !== null || (!live && columns[c].units > 0 && columns[c + 1].between.every((b) => b.startsWith('dropout')));
    if (!direct) continue;
    const from = positions[c];
    const to = positions[c + 1];
    from.forEach((a, i) =>
      to.forEach((b, o) => {
        const weight = weights ? weights[i * to.length + o] : null;
        edges.push({
          x1: a.x + size,
          y1: a.y + size / 2,
          x2: b.x,
          y2: b.y + size / 2,
          weight,
          strength: weight === null || !live ? 0 : Math.min(1, Math.abs(weight) / Math.max(live.maxWeight, 1e-12)),
          from: nameOf(c, i),
          to: nameOf(c + 1, o),
        });
      }),
    );
  }

  const summary = `The network: ${columns.map((c, k) => `${k === 0 ? (c.units ? `${c.units} inputs${c.names ? ` (${c.names.join(', ')})` : ''}` : c.title) : c.title}${c.between.length ? ` after ${c.between.join(', ')}` : ''}`).join(' → ')}.`;
  return {
    width,
    height,
    nodes,
    edges,
    labels,
    summary,
    describeAt(x, y) {
      const node = nodes.find((n) => x >= n.x && x <= n.x + n.size && y >= n.y && y <= n.y + n.size);
      if (node) {
        const bias = live?.columns[node.column]?.biases?.[node.unit];
        if (columns[node.column].units === 0) return `${columns[node.column].title}: the image goes in whole.`;
        return `${nameOf(node.column, node.unit)}${bias === undefined ? '' : `: bias ${fixed(bias)}`}${node.heatmap ? '; its square shows its output over the plane (orange positive, blue negative)' : ''}.`;
      }
      let best: DrawnEdge | null = null;
      let bestDistance = 4;
      for (const edge of edges) {
        const d = distanceToSegment(x, y, edge);
        if (d < bestDistance) {
          best = edge;
          bestDistance = d;
        }
      }
      return best ? `Weight from ${best.from} to ${best.to}: ${best.weight === null ? 'not trained yet' : fixed(best.weight)}.` : null;
    },
  };
}

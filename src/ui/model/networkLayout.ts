// Where each unit and edge of the network picture goes, and what pointing at
// it reads. Pure: the structure comes from the layer stack (so the picture
// follows every edit at once), the weights and heatmaps from the worker's
// latest picture when it still matches the stack.
import { isFrozen, type LayerSpec, type OutputSpec } from '../../model/spec';
import { HEATMAP_SIZE, MAX_DRAWN_UNITS, type NetworkPicture } from '../../model/picture';

export interface DrawnNode {
  x: number;
  y: number;
  size: number;
  /** Taller than `size` for a block. */
  height: number;
  column: number;
  unit: number;
  /** Of a frozen layer (drawn apart: its weights stay as they start). */
  frozen: boolean;
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
  /** A dense weight, a convolution's kernel seen channel to channel (its mean), or values passed on unchanged (pooling, flatten). */
  kind: 'weight' | 'kernel' | 'pass';
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
  /** Units drawn as nodes; 0 for a block (an image, a convolution's feature maps, …). */
  units: number;
  /** For a block: its output shape, e.g. "24×24×8". */
  shape: string | null;
  /** Names of the units (the input features), else numbered. */
  names: string[] | null;
  /** Dropout (the identity when predicting) between the previous column and this one. */
  between: string[];
  /** This column's index among the worker picture's columns (input, dense layers, output), or null for a block after the input. */
  picture: number | null;
  /** An image's channels (the input, a convolution, pooling, batch norm), drawn one node each. */
  channels: boolean;
  /** A convolution's index in the stack (its kernels are the edges into it), or null. */
  convolution: number | null;
  /** A frozen layer's column. */
  frozen?: boolean;
}

function blockTitle(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'conv2d':
      return `conv ${layer.filters}@${layer.kernelSize}×${layer.kernelSize}`;
    case 'maxPool2d':
      return 'max pool';
    case 'avgPool2d':
      return 'avg pool';
    case 'flatten':
      return 'flatten';
    case 'batchNormalization':
      return 'batch norm';
    case 'dropout':
      return `dropout ${layer.rate}`;
    case 'dense':
      return `${layer.units} ${layer.activation}`;
  }
}

/** A frozen layer's title says so. */
const frozenTitle = (layer: LayerSpec) => `${blockTitle(layer)}${isFrozen(layer) ? ' frozen' : ''}`;

function columnsOf(
  inputShape: number[],
  layers: readonly LayerSpec[],
  shapes: number[][],
  output: OutputSpec,
  inputNames: string[] | null,
): Column[] {
  const flat = inputShape.length === 1;
  const image = inputShape.length === 3;
  const columns: Column[] = [
    {
      title: 'input',
      units: flat ? inputShape[0] : image ? inputShape[2] : 0,
      shape: flat ? null : inputShape.join('×'),
      names: inputNames,
      between: [],
      picture: 0,
      channels: image,
      convolution: null,
    },
  ];
  let between: string[] = [];
  let dense = 0;
  layers.forEach((layer, i) => {
    const shape = shapes[i] ?? [];
    const spatial = shape.length === 3;
    if (layer.kind === 'dense') {
      columns.push({
        title: frozenTitle(layer),
        frozen: isFrozen(layer),
        units: layer.units,
        shape: null,
        names: null,
        between,
        picture: ++dense,
        channels: false,
        convolution: null,
      });
      between = [];
    } else if (
      layer.kind === 'dropout' ||
      (layer.kind === 'flatten' && columns[columns.length - 1].units > 0 && !columns[columns.length - 1].channels)
    ) {
      // Nothing to draw on its own: a note on the edges it sits on.
      between.push(blockTitle(layer));
    } else {
      // A convolution, pooling or batch norm over an image: one node per channel; a flatten: one block.
      const channels = spatial && layer.kind !== 'flatten';
      columns.push({
        title: frozenTitle(layer),
        frozen: isFrozen(layer),
        units: channels ? shape[2] : 0,
        shape: shape.join('×'),
        names: null,
        between,
        picture: null,
        channels,
        convolution: layer.kind === 'conv2d' ? i : null,
      });
      between = [];
    }
  });
  columns.push({
    title: `output ${output.activation === 'softmax' ? `${output.units} softmax` : 'linear'}`,
    units: output.units,
    shape: null,
    names: null,
    between,
    picture: dense + 1,
    channels: false,
    convolution: null,
  });
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
/** A change, with its sign and enough digits for one step's small ones. */
const signed = (value: number) => `${value > 0 ? '+' : ''}${value.toPrecision(3)}`;

export function layoutNetwork(
  model: { inputShape: number[]; layers: readonly LayerSpec[]; shapes: number[][]; output: OutputSpec },
  inputNames: string[] | null,
  picture: NetworkPicture | null,
  /** The picture holds changes in the weights (pictureChange), not weights: pointing reads "change". */
  changes = false,
): DrawnNetwork {
  const columns = columnsOf(model.inputShape, model.layers, model.shapes, model.output, inputNames);
  const drawn = columns.filter((c) => c.picture !== null);
  const live =
    picture &&
    picture.columns.length === drawn.length &&
    picture.columns.every((c, k) => c.units === (drawn[k].channels ? 0 : drawn[k].units))
      ? picture
      : null;
  const heatmaps = live?.columns.some((c) => c.heatmaps) ?? false;
  const size = heatmaps ? 30 : 16;
  const gap = heatmaps ? 10 : 8;
  const shown = columns.map((c) => (c.units === 0 ? 1 : Math.min(c.units, MAX_DRAWN_UNITS)));
  const tallest = Math.max(...shown);
  const top = 26;
  const height = top + tallest * (size + gap) + 34;
  const step = Math.max(heatmaps ? 110 : 90, Math.min(170, 640 / Math.max(columns.length - 1, 1)));
  // Room on the left for the input features' names.
  const left = inputNames ? 64 : model.inputShape.length === 3 ? 40 : 20;
  const width = Math.round(left + 80 + step * (columns.length - 1) + size);
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
      const pc = column.picture === null || column.channels ? undefined : live?.columns[column.picture];
      const heatmap =
        pc?.heatmaps && k < pc.shown ? { bytes: pc.heatmaps, offset: k * HEATMAP_SIZE * HEATMAP_SIZE, side: HEATMAP_SIZE } : null;
      nodes.push({
        x,
        y: block ? y0 : y,
        size,
        height: block ? blockHeight : size,
        column: c,
        unit: k,
        frozen: column.frozen === true,
        heatmap,
      });
      colPositions.push({ x, y: block ? y0 + blockHeight / 2 - size / 2 : y });
      if (c === 0 && column.names?.[k]) labels.push({ key: `n${k}`, x: x - 4, y: y + size / 2 - 8, text: column.names[k], kind: 'name' });
    }
    positions.push(colPositions);
    labels.push({ key: `t${c}`, x: x + size / 2, y: 4, text: column.title, kind: 'title' });
    if (block && column.shape) labels.push({ key: `s${c}`, x: x + size / 2, y: y0 + blockHeight + 4, text: column.shape, kind: 'more' });
    // Below the "+N more" line, so the two never overlap.
    if (column.channels && column.shape)
      labels.push({ key: `s${c}`, x: x + size / 2, y: top + tallest * (size + gap) + 16, text: column.shape, kind: 'more' });
    if (column.units > count)
      labels.push({
        key: `m${c}`,
        x: x + size / 2,
        y: y0 + count * (size + gap),
        text: `+${(column.units - count).toLocaleString('en-US')} more`,
        kind: 'more',
      });
    if (column.between.length > 0)
      labels.push({ key: `b${c}`, x: x - step / 2 + size / 2, y: height - 2, text: column.between.join(' · '), kind: 'chip' });
  });

  const nameOf = (c: number, k: number) =>
    columns[c].channels
      ? `${columns[c].title} channel ${k + 1}`
      : c === 0
        ? (columns[0].names?.[k] ?? `input ${k + 1}`)
        : c === columns.length - 1
          ? `output ${k + 1}`
          : `layer ${c} unit ${k + 1}`;
  const edges: DrawnEdge[] = [];
  const structural = (
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    from: string,
    to: string,
    kind: DrawnEdge['kind'] = 'pass',
  ): DrawnEdge => ({ x1, y1, x2, y2, weight: null, strength: 0, from, to, kind });
  for (let c = 0; c + 1 < columns.length; c++) {
    const [a, b] = [columns[c], columns[c + 1]];
    const [from, to] = [positions[c], positions[c + 1]];
    const blockOf = (k: number) => nodes.find((n) => n.column === k)!;
    if (a.channels && b.channels) {
      const links = b.convolution === null ? null : (live?.channels?.[b.convolution] ?? null);
      from.forEach((p, i) =>
        to.forEach((q, o) => {
          // Pooling and batch norm keep each channel to itself; a convolution joins every pair through its kernel.
          if (b.convolution === null && i !== o) return;
          const weight = links ? links[i * to.length + o] : null;
          const edge = structural(
            p.x + size,
            p.y + size / 2,
            q.x,
            q.y + size / 2,
            nameOf(c, i),
            nameOf(c + 1, o),
            b.convolution === null ? 'pass' : 'kernel',
          );
          edges.push(
            weight === null || weight === undefined
              ? edge
              : { ...edge, weight, strength: Math.min(1, Math.abs(weight) / Math.max(live?.maxChannel ?? 0, 1e-12)) },
          );
        }),
      );
      continue;
    }
    if (a.channels && b.units === 0) {
      const block = blockOf(c + 1);
      from.forEach((p, i) =>
        edges.push(structural(p.x + size, p.y + size / 2, block.x, block.y + block.height / 2, nameOf(c, i), b.title)),
      );
      continue;
    }
    if (a.units === 0 && b.units > 0 && c > 0) {
      const block = blockOf(c);
      to.forEach((q, o) =>
        edges.push(structural(block.x + size, block.y + block.height / 2, q.x, q.y + size / 2, a.title, nameOf(c + 1, o))),
      );
      continue;
    }
    // Edges join two columns of units; a block passes its output on whole.
    if (a.units === 0 || b.units === 0 || a.picture === null || b.picture === null) continue;
    const weights = live ? live.edges[a.picture] : null;
    if (live && weights === null) continue;
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
          kind: 'weight',
        });
      }),
    );
  }

  const describe = (c: Column, k: number) =>
    k === 0 && c.units
      ? `${c.units} inputs${c.names ? ` (${c.names.join(', ')})` : ''}`
      : `${c.frozen ? c.title.replace(/ frozen$/, '') : c.title}${c.shape ? ` ${c.shape}` : ''}${c.frozen ? ' (frozen)' : ''}`;
  const summary = `The network: ${columns.map((c, k) => `${describe(c, k)}${c.between.length ? ` after ${c.between.join(', ')}` : ''}`).join(' → ')}.`;
  return {
    width,
    height,
    nodes,
    edges,
    labels,
    summary,
    describeAt(x, y) {
      const node = nodes.find((n) => x >= n.x && x <= n.x + n.size && y >= n.y && y <= n.y + n.height);
      if (node) {
        const bias = live?.columns[node.column]?.biases?.[node.unit];
        const column = columns[node.column];
        if (column.units === 0) return `${column.title}: output ${column.shape}${node.column === 0 ? ', the image goes in whole' : ''}.`;
        return `${nameOf(node.column, node.unit)}${bias === undefined ? '' : changes ? `: bias changed by ${signed(bias)}` : `: bias ${fixed(bias)}`}${node.heatmap ? '; its square shows its output over the plane (orange positive, blue negative)' : ''}.`;
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
      if (!best) return null;
      if (best.kind === 'pass') return `${best.from} passes its values on to ${best.to}.`;
      const value = best.weight === null ? 'not trained yet' : fixed(best.weight);
      return best.kind === 'kernel'
        ? `Kernel from ${best.from} to ${best.to}: mean weight ${value}.`
        : changes
          ? `Change in the weight from ${best.from} to ${best.to}: ${best.weight === null ? 'none drawn' : signed(best.weight)}.`
          : `Weight from ${best.from} to ${best.to}: ${value}.`;
    },
  };
}

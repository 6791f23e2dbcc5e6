// The dataset part of a link: `ds` names the kind, and a few more keys carry
// its options (synthetic shape and noise; CSV source, target and
// preprocessing). Decoding builds a loose object for restoreDataset.
import type { DatasetRef } from '../config/datasets';

/** Every link key this module reads or writes. */
export const DATASET_KEYS = ['ds', 'syn', 'noise', 'n', 'src', 'hdr', 'tgt', 'task', 'miss', 'scale', 'dup', 'ct', 'idx'] as const;

/** Key-value pairs for `ref`, in a fixed order. */
export function encodeDataset(ref: DatasetRef): [string, string][] {
  const pairs: [string, string][] = [['ds', ref.kind]];
  switch (ref.kind) {
    case 'synthetic':
      pairs.push(['syn', ref.shape], ['noise', String(ref.noise)], ['n', String(ref.count)]);
      break;
    case 'csv': {
      const { source, options } = ref;
      pairs.push(['src', source.type === 'sample' ? `sample:${source.name}` : source.type === 'url' ? `url:${source.url}` : source.type === 'file' ? `file:${source.name}` : 'text']);
      if (ref.header !== null) pairs.push(['hdr', ref.header ? '1' : '0']);
      if (options) {
        pairs.push(['tgt', options.target], ['task', options.task], ['miss', options.missing], ['scale', options.scaling], ['dup', options.dropDuplicates ? '1' : '0']);
        if (options.overrides.length > 0) pairs.push(['ct', JSON.stringify(options.overrides.map((o) => [o.column, o.type]))]);
      }
      break;
    }
    case 'idx':
      pairs.push(['idx', ref.name]);
      break;
    default:
      break;
  }
  return pairs;
}

function parseSource(text: string): Record<string, unknown> {
  const colon = text.indexOf(':');
  const type = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (type === 'sample' || type === 'file') return { type, name: rest };
  if (type === 'url') return { type, url: rest };
  return { type };
}

function parseOverrides(text: string | null): unknown {
  if (text === null) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map((pair) => (Array.isArray(pair) ? { column: pair[0], type: pair[1] } : null)) : null;
  } catch {
    return null;
  }
}

const toNumber = (text: string | null) => (text === null || text.trim() === '' ? undefined : Number(text));

/** The loose dataset object a link describes, or undefined when it names none. */
export function decodeDataset(params: URLSearchParams): unknown {
  const kind = params.get('ds');
  if (kind === null) return undefined;
  const raw: Record<string, unknown> = { kind };
  if (kind === 'synthetic') Object.assign(raw, { shape: params.get('syn'), noise: toNumber(params.get('noise')), count: toNumber(params.get('n')) });
  if (kind === 'csv') {
    const header = params.get('hdr');
    raw.source = parseSource(params.get('src') ?? '');
    raw.header = header === '1' ? true : header === '0' ? false : null;
    const target = params.get('tgt');
    if (target !== null) {
      raw.options = {
        target,
        task: params.get('task'),
        missing: params.get('miss'),
        scaling: params.get('scale'),
        dropDuplicates: params.get('dup') === '1',
        overrides: parseOverrides(params.get('ct')),
      };
    }
  }
  if (kind === 'idx') raw.name = params.get('idx');
  return raw;
}

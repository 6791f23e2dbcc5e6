// The dataset part of a link: `ds` names the kind, and a few more keys carry
// its options (synthetic shape and noise; CSV source, target and
// preprocessing). Decoding builds a loose object for restoreDataset.
import type { DatasetRef } from '../config/datasets';

/** Every link key this module reads or writes. */
export const DATASET_KEYS = ['ds', 'syn', 'noise', 'n', 'feat', 'src', 'hdr', 'tgt', 'task', 'miss', 'scale', 'dup', 'ct', 'idx'] as const;

/** Key-value pairs for `ref`, in a fixed order. */
export function encodeDataset(ref: DatasetRef): [string, string][] {
  const pairs: [string, string][] = [['ds', ref.kind]];
  switch (ref.kind) {
    case 'synthetic':
      pairs.push(['syn', ref.shape], ['noise', String(ref.noise)], ['n', String(ref.count)], ['feat', ref.features.join(',')]);
      break;
    case 'csv': {
      const { source, options } = ref;
      pairs.push([
        'src',
        source.type === 'sample'
          ? `sample:${source.name}`
          : source.type === 'url'
            ? `url:${source.url}`
            : source.type === 'file'
              ? `file:${source.name}`
              : 'text',
      ]);
      // Every key is written, defaults too, so a link cut short is recognised as such.
      pairs.push(['hdr', ref.header === null ? HEADER_GUESSED : ref.header ? '1' : '0']);
      if (options) {
        pairs.push(
          ['tgt', options.target],
          ['task', options.task],
          ['miss', options.missing],
          ['scale', options.scaling],
          ['dup', options.dropDuplicates ? '1' : '0'],
        );
        pairs.push(['ct', JSON.stringify(options.overrides.map((o) => [o.column, o.type]))]);
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

/** `hdr` when the header row is guessed from the file. */
const HEADER_GUESSED = 'auto';

/** Each key's name in notes. */
export const DATASET_KEY_LABELS: Record<DatasetKey, string> = {
  ds: 'Dataset',
  syn: 'Synthetic set',
  noise: 'Noise',
  n: 'Number of points',
  feat: 'Features',
  src: 'Dataset source',
  hdr: 'Dataset header',
  tgt: 'Dataset target column',
  task: 'Dataset task',
  miss: 'Dataset missing values',
  scale: 'Dataset scaling',
  dup: 'Dataset duplicates',
  ct: 'Dataset column types',
  idx: 'Dataset IDX files',
};
type DatasetKey = (typeof DATASET_KEYS)[number];

/** The keys each kind of dataset reads; CSV options only with a target column. */
function keysOf(kind: string | null, hasTarget: boolean): DatasetKey[] {
  switch (kind) {
    case 'synthetic':
      return ['ds', 'syn', 'noise', 'n', 'feat'];
    case 'csv':
      return hasTarget ? ['ds', 'src', 'hdr', 'tgt', 'task', 'miss', 'scale', 'dup', 'ct'] : ['ds', 'src', 'hdr'];
    case 'idx':
      return ['ds', 'idx'];
    default:
      return ['ds'];
  }
}

/** Dataset keys in the link that its dataset does not read (another kind's, or CSV options without a target). */
export function unusedDatasetKeys(params: URLSearchParams): string[] {
  const used = new Set<string>(keysOf(params.get('ds'), params.has('tgt')));
  return DATASET_KEYS.filter((key) => params.has(key) && !used.has(key)).map((key) => DATASET_KEY_LABELS[key]);
}

/** Dataset keys an app-made link would hold that this one lacks (a cut-off link). */
export function missingDatasetKeys(params: URLSearchParams): string[] {
  const kind = params.get('ds');
  if (kind === null) return [];
  // CSV options without a target column: the target was cut off. Without the header setting (an app-made
  // CSV link always has it) the link was cut before it, so its CSV options may have followed: they are named too.
  const options = (['task', 'miss', 'scale', 'dup', 'ct'] as const).some((key) => params.has(key));
  const cutBeforeOptions = kind === 'csv' && !params.has('hdr');
  const expected = keysOf(kind, params.has('tgt') || options || cutBeforeOptions).filter((key) => key !== 'syn');
  return expected.filter((key) => !params.has(key)).map((key) => DATASET_KEY_LABELS[key]);
}

function parseSource(text: string): Record<string, unknown> {
  const colon = text.indexOf(':');
  const type = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (type === 'sample' || type === 'file') return { type, name: rest };
  if (type === 'url') return { type, url: rest };
  return rest === '' ? { type } : { type, extra: rest };
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

const toNumber = (text: string | null) => (text === null ? undefined : text.trim() === '' ? text : Number(text));
/** '1' and '0' as booleans; anything else stays text for restore to name; absent is undefined. */
const toBool = (text: string | null) => (text === null ? undefined : text === '1' ? true : text === '0' ? false : text);
const present = (text: string | null) => text ?? undefined;

/** The loose dataset object a link describes, or undefined when it names none. */
export function decodeDataset(params: URLSearchParams): unknown {
  const kind = params.get('ds');
  if (kind === null) return undefined;
  const raw: Record<string, unknown> = { kind };
  if (kind === 'synthetic') {
    const features = params.get('feat');
    Object.assign(raw, {
      shape: params.get('syn'),
      noise: toNumber(params.get('noise')),
      count: toNumber(params.get('n')),
      features: features === null ? undefined : features.split(','),
    });
  }
  if (kind === 'csv') {
    raw.source = parseSource(params.get('src') ?? '');
    const header = params.get('hdr');
    raw.header = header === HEADER_GUESSED ? null : (toBool(header) ?? null);
    const target = params.get('tgt');
    if (target !== null) {
      raw.options = {
        target,
        task: present(params.get('task')),
        missing: present(params.get('miss')),
        scaling: present(params.get('scale')),
        dropDuplicates: toBool(params.get('dup')),
        overrides: parseOverrides(params.get('ct')),
      };
    }
  }
  if (kind === 'idx') raw.name = params.get('idx');
  return raw;
}

// The hardening issue's property: a link whose fields are damaged, deleted,
// replaced or cut off opens with a note for every field that does not come
// through as written. Checked over 10,000 mutated links: for each key, the
// value the app now uses (read back from its own link) is compared with the
// value the damaged link holds, and a change must be named by a note.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS } from '../../src/config/fields';
import { decodeExperiment, plainQuery } from '../../src/share/codec';
import { DATASET_KEYS } from '../../src/share/datasetParams';
import { validConfig } from './arbitraries';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CONFIG_KEYS = CONFIG_FIELDS.map((field) => field.url);
const KEYS = [...DATASET_KEYS, 'm', ...CONFIG_KEYS, 'hide'];
/** A note that replaces the whole dataset or model covers each of its keys. */
const WHOLE_DATASET = /default dataset is used instead|is not a dataset this app knows|does not say[^;]*\bDataset[,;]/;
const CSV_OPTION = /Dataset target column/;

/** How a note names each key (written here, apart from the code under test). */
const NAMED_BY: Record<string, RegExp> = {
  ds: /Dataset/,
  syn: /[Ss]ynthetic set/,
  noise: /Noise/,
  n: /Number of points/,
  feat: /Features/,
  src: /Dataset source|CSV source|CSV address|sample CSV/,
  hdr: /Dataset header/,
  tgt: /Dataset target column/,
  task: new RegExp(`Dataset task|${CSV_OPTION.source}`),
  miss: new RegExp(`Dataset missing values|${CSV_OPTION.source}`),
  scale: new RegExp(`Dataset scaling|${CSV_OPTION.source}`),
  dup: new RegExp(`Dataset duplicates|${CSV_OPTION.source}`),
  ct: new RegExp(`Dataset column types|${CSV_OPTION.source}`),
  idx: /Dataset IDX files/,
  m: /Layer|[Mm]odel/,
  hide: /Hidden panels/,
  ...Object.fromEntries(CONFIG_FIELDS.map((field) => [field.url, new RegExp(escape(field.label))])),
};

const NUMBER_KEYS = new Set(['noise', 'n', ...CONFIG_FIELDS.filter((f) => f.type === 'number').map((f) => f.url)]);

/** Whether two texts of `key` mean the same setting (0.10 is 0.1; panels in any order; an absent list is an empty one). */
function same(key: string, a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (NUMBER_KEYS.has(key)) return a !== null && b !== null && a.trim() !== '' && Number(a) === Number(b);
  if (key === 'hide' || key === 'feat')
    return (
      [...new Set((a ?? '').split(',').filter(Boolean))].sort().join() === [...new Set((b ?? '').split(',').filter(Boolean))].sort().join()
    );
  if (key === 'ct') return (a ?? '[]') === (b ?? '[]');
  if (key === 'm' && a !== null && b !== null) {
    const norm = (text: string) => text.replace(/_+\)/g, ')').replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi, (n) => String(Number(n)));
    return norm(a) === norm(b);
  }
  if (key === 'src' && a?.startsWith('url:') && b?.startsWith('url:')) {
    try {
      return new URL(a.slice(4)).href === b.slice(4);
    } catch {
      return false;
    }
  }
  return false;
}

const HOSTILE = [
  '',
  ' ',
  'NaN',
  '1e400',
  '-1',
  '0',
  '1',
  '2',
  '2.5',
  '0.10',
  '1e-3',
  'true',
  'off',
  '__proto__',
  'constructor',
  'rEgression',
  'regression',
  'classification',
  'median',
  'minmax',
  'none',
  'drop',
  'sgd',
  'adadelta',
  'webgl',
  'fused',
  'spiral',
  'xor',
  'csv',
  'synthetic',
  'mnist',
  'idx',
  'mnist-sample',
  'url:http://data.invalid/x.csv',
  'url:javascript:alert(1)',
  'sample:iris',
  'sample:nope',
  'text',
  'text:abc',
  'file:a.csv',
  'file:',
  'data,model',
  'data,data,secrets',
  'x1,x2',
  'x2,x1,sinx1',
  'x1,x9',
  'x1sq,x2sq,x1x2,sinx1,sinx2',
  'history,batch-chart,insights,settings,model,data,data,data,data,data,data,data,insights',
  '[["a","numeric"]]',
  '[["a","weird"]]',
  '[[[[[]]]]]',
  '{"a":1}',
  'dense(3_relu)',
  'conv2d(4_3_1_same_relu)',
  'flatten()~dense(4_tanh)',
  'dense(x_relu)',
  'teleport()',
  'dense(8_relu_0.1_0.2_9)',
];
const value = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 10 }),
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -1000, max: 100000 }).map(String),
);
type Mutation = { kind: 'set'; key: string; value: string } | { kind: 'delete'; key: string } | { kind: 'truncate'; at: number };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom(...KEYS), value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom(...KEYS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
);

function mutate(query: string, mutations: Mutation[]): string {
  let text = query;
  for (const m of mutations) {
    if (m.kind === 'truncate') {
      text = text.slice(0, Math.floor(m.at * text.length));
      continue;
    }
    const params = new URLSearchParams(text);
    if (m.kind === 'set') params.set(m.key, m.value);
    else params.delete(m.key);
    text = params.toString();
  }
  return text;
}

/** Keys whose value the app now uses differs from what the damaged link holds, and no note names them. */
function silentChanges(original: URLSearchParams, link: string): string[] {
  const decoded = decodeExperiment(link);
  const given = new URLSearchParams(link.startsWith('?') ? link.slice(1) : link);
  const used = new URLSearchParams(plainQuery(decoded.config));
  const notes = decoded.notes.join('\n');
  if (!decoded.found) return [];
  return KEYS.filter((key) => {
    const wanted = given.has(key) ? given.get(key) : original.get(key);
    if (!given.has(key) && !original.has(key)) return false;
    // A dataset key the link lacks belongs to the original's dataset; if the link names another, only `ds` is compared.
    if (!given.has(key) && (DATASET_KEYS as readonly string[]).includes(key) && given.get('ds') !== original.get('ds')) return false;
    if (same(key, wanted, used.get(key))) return false;
    if ((DATASET_KEYS as readonly string[]).includes(key) && WHOLE_DATASET.test(notes)) return false;
    return !NAMED_BY[key].test(notes);
  });
}

describe('damaged links', () => {
  it('never change a field without a note (10,000 mutated links)', () => {
    let cases = 0;
    let exceptions = 0;
    let silent = 0;
    const examples: string[] = [];
    fc.assert(
      fc.property(validConfig, fc.array(mutation, { minLength: 1, maxLength: 3 }), (config, mutations) => {
        cases++;
        const query = `v=1&${plainQuery(config)}`;
        const link = mutate(query, mutations);
        let changed: string[];
        try {
          changed = silentChanges(new URLSearchParams(query), link);
        } catch (error) {
          exceptions++;
          throw error;
        }
        if (changed.length > 0) {
          silent++;
          if (examples.length < 5) examples.push(`${changed.join(',')} in ${process.env.FULL ? link : link.slice(0, 300)}`);
        }
        return true;
      }),
      { numRuns: 10_000, seed: 20261128 },
    );
    expect({ cases, exceptions, silent, examples }).toEqual({ cases: 10_000, exceptions: 0, silent: 0, examples: [] });
  });

  it('are summed up when they hold hundreds of problems, and a huge compressed part is not unpacked', () => {
    const layers = Array.from({ length: 400 }, () => 'teleport()').join('~');
    const many = decodeExperiment(`v=1&m=${layers}&lr=x&bs=y&ep=z`);
    expect(many.notes.length).toBeLessThanOrEqual(20);
    expect(many.notes[many.notes.length - 1]).toMatch(/more problems like these/);
    const started = performance.now();
    const packed = decodeExperiment(`v=1&z=${'A'.repeat(5000)}`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(packed.notes.join(' ')).toMatch(/compressed part .* more than 4,000/);
  });
});

// Concept drift on a table: rows ordered by a column, the latest share held
// out as the world as it is now; encodings fitted on the earlier rows.
import { describe, expect, it } from 'vitest';
import { columnDriftSplitter, columnOrder, earlierAndLater } from '../../src/data/columnDrift';
import { defaultCsvOptions, summariseTable } from '../../src/data/csv/infer';
import { parseCsv } from '../../src/data/csv/parse';
import { buildCsvDataset } from '../../src/data/csv/preprocess';
import { concatPoints, drifted } from '../../src/data/drift';
import { experimentSplitter } from '../../src/data/folds';
import { generateSynthetic } from '../../src/data/synthetic';

const settings = { validationSplit: 0.25, seed: 3, folds: 0, fold: 1, stratifiedFolds: false };
const union = (...parts: Uint32Array[]) => [...parts.flatMap((p) => [...p])].sort((a, b) => a - b);

describe('column order', () => {
  it('orders numbers as numbers, dates by time, text by text; ties keep file order, blanks go last', () => {
    expect([...columnOrder(['10', '9', '', '100', '9']).order]).toEqual([1, 4, 0, 3, 2]);
    expect(columnOrder(['10', '9']).kind).toBe('number');
    const dates = columnOrder(['2015-01-02', '2012-06-30', '2014-12-31']);
    expect(dates.kind).toBe('date');
    expect([...dates.order]).toEqual([1, 2, 0]);
    expect([...columnOrder(['b', 'a', 'c']).order]).toEqual([1, 0, 2]);
  });

  it('cuts the latest share off, each side keeping at least 2 rows', () => {
    const order = Uint32Array.from([5, 4, 3, 2, 1, 0, 6, 7, 8, 9]);
    expect(earlierAndLater(order, 0.3)).toEqual({ earlier: Uint32Array.from([5, 4, 3, 2, 1, 0, 6]), later: Uint32Array.from([7, 8, 9]) });
    expect(earlierAndLater(order, 0.99).earlier.length).toBe(2);
    expect(earlierAndLater(order, 0).later.length).toBe(2);
    expect(() => earlierAndLater(order.slice(0, 3), 0.5)).toThrow(/at least 4 rows/);
  });
});

describe('the drift splitter', () => {
  // 40 rows whose year is 2000 + (i * 7) % 40: the order is not the file's.
  const rows = Array.from({ length: 40 }, (_, i) => [String(2000 + ((i * 7) % 40)), String(i)]);
  const labels = Array.from({ length: 40 }, (_, i) => i % 2);
  const base = experimentSplitter(settings);
  const later = rows
    .map((r, i) => [Number(r[0]), i])
    .filter(([year]) => year >= 2030)
    .map(([, i]) => i);

  it('before: trains and validates on the earlier rows only, holding the later ones out', () => {
    const split = columnDriftSplitter(base, 0, 0.25, 'before')(labels, 'classification', rows);
    expect(split.train.length + split.validation.length).toBe(30);
    expect([...split.train, ...split.validation].some((i) => later.includes(i))).toBe(false);
    expect([...split.heldOut!]).toEqual(later.sort((a, b) => a - b));
    expect(union(split.train, split.validation, split.heldOut!)).toEqual(rows.map((_, i) => i));
  });

  it('after: trains and validates on the later rows, fitted on the earlier training rows', () => {
    const before = columnDriftSplitter(base, 0, 0.25, 'before')(labels, 'classification', rows);
    const after = columnDriftSplitter(base, 0, 0.25, 'after')(labels, 'classification', rows);
    expect(union(after.train, after.validation)).toEqual(later.sort((a, b) => a - b));
    expect([...after.fitOn!]).toEqual([...before.train]);
  });

  it('decay: trains on the earlier rows and validates on every later one', () => {
    const before = columnDriftSplitter(base, 0, 0.25, 'before')(labels, 'classification', rows);
    const decay = columnDriftSplitter(base, 0, 0.25, 'decay')(labels, 'classification', rows);
    expect([...decay.train]).toEqual([...before.train]);
    expect([...decay.validation]).toEqual(later.sort((a, b) => a - b));
  });

  it('fits a table’s scaling on the earlier training rows whichever rows train', () => {
    const text = 'year,x,label\n' + rows.map(([year], i) => `${year},${Number(year) - 2000},${i % 2 ? 'a' : 'b'}`).join('\n');
    const parsed = parseCsv(text);
    const summary = summariseTable(parsed.table, parsed.header, parsed.delimiter, parsed.skipped);
    const options = { ...defaultCsvOptions(summary), target: 'label' };
    const before = buildCsvDataset(parsed.table, summary, options, columnDriftSplitter(base, 0, 0.25, 'before'), 3);
    const after = buildCsvDataset(parsed.table, summary, options, columnDriftSplitter(base, 0, 0.25, 'after'), 3);
    expect(after.dataset.preprocessing).toEqual(before.dataset.preprocessing);
    // The later rows' x (30..39) are beyond the earlier training rows' range: standardised, they sit well above 1.
    const xAt = after.dataset.preprocessing!.features.findIndex((f) => f.name === 'x');
    const inputs = after.dataset.sampleShape[0];
    expect(Math.min(...Array.from(after.split.train, (i) => after.dataset.x[i * inputs + xAt]))).toBeGreaterThan(1);
  });
});

describe('the drift knob on a 2-D set', () => {
  it('keeps the original points for training and their drifted twins for validation', () => {
    const points = generateSynthetic({ shape: 'circle', count: 50, noise: 0, seed: 1 });
    const moved = drifted(points, 'shift', 1, 1);
    const both = concatPoints(points, moved);
    expect(both.count).toBe(100);
    expect(Array.from(both.x.slice(0, 100))).toEqual(Array.from(points.x));
    expect(Array.from(both.x.slice(100))).toEqual(Array.from(moved.x));
    expect(Array.from(both.y.slice(50))).toEqual(Array.from(moved.y));
  });
});

import { describe, expect, it } from 'vitest';
import { csvLayout, defaultCsvOptions, summariseTable } from '../../../src/data/csv/infer';
import { parseCsv } from '../../../src/data/csv/parse';
import { buildCsvDataset, fitNumeric } from '../../../src/data/csv/preprocess';
import type { CsvOptions } from '../../../src/data/csv/types';

function load(text: string) {
  const parsed = parseCsv(text);
  const summary = summariseTable(parsed.table, parsed.header, parsed.delimiter, parsed.skipped);
  return { table: parsed.table, summary };
}

const rowsOf = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');

describe('column inference', () => {
  const { summary } = load(
    'id,date,comment,colour,size,label\n' +
      rowsOf(
        40,
        (i) =>
          `${i + 1},2024-01-${String((i % 28) + 1).padStart(2, '0')},note number ${i},${['red', 'green', 'blue'][i % 3]},${(i * 0.7).toFixed(1)},${i % 2 ? 'yes' : 'no'}`,
      ),
  );
  const byName = Object.fromEntries(summary.columns.map((c) => [c.name, c]));

  it('leaves out identifiers, dates and free text, and says why', () => {
    expect(byName.id).toMatchObject({ inferred: 'ignored', reason: 'an identifier (every value differs)' });
    expect(byName.date).toMatchObject({ inferred: 'ignored', reason: 'dates' });
    expect(byName.comment.inferred).toBe('ignored');
  });

  it('finds numbers with their range and categories with their counts', () => {
    expect(byName.size).toMatchObject({ inferred: 'numeric', min: 0, max: 27.3, missing: 0 });
    expect(byName.colour).toMatchObject({ inferred: 'categorical', distinct: 3, reason: '3 categories' });
    expect(byName.colour.top[0]).toEqual({ value: 'red', count: 14 });
  });

  it('takes the last column as a classification target by default', () => {
    expect(defaultCsvOptions(summary)).toMatchObject({ target: 'label', task: 'classification', missing: 'mean', scaling: 'standard' });
  });

  it('reads NA, empty, "?" and "." as missing (the penguins data has ".")', () => {
    const { summary: s } = load('a,b\n1,x\nNA,.\n,?\n4,y\n');
    expect(s.columns.map((c) => c.missing)).toEqual([2, 2]);
  });
});

describe('what a table cannot be trained on', () => {
  const options = (over: Partial<CsvOptions>, summary: ReturnType<typeof load>['summary']) => ({ ...defaultCsvOptions(summary), ...over });

  it('a target with one class', () => {
    const { summary } = load('a,b\n1,x\n2,x\n3,x\n');
    expect(csvLayout(summary, options({}, summary))).toEqual({
      ok: false,
      message: 'The target column "b" has only one class ("x"); there is nothing to learn.',
    });
  });

  it('too many classes, suggesting regression', () => {
    const { summary } = load('a,b\n' + rowsOf(60, (i) => `${i % 7},${i}`));
    const layout = csvLayout(summary, options({ task: 'classification' }, summary));
    expect(layout.ok === false && layout.message).toMatch(/60 classes, more than 50\. It holds numbers: choose regression instead\./);
  });

  it('no usable feature', () => {
    const { summary } = load('id,b\n' + rowsOf(20, (i) => `${i},${i % 2}`));
    expect(csvLayout(summary, options({}, summary))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/No column is usable as a feature/),
    });
  });

  it('regression on text', () => {
    const { summary } = load('a,b\n1,x\n2,y\n');
    expect(csvLayout(summary, options({ task: 'regression' }, summary))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not numeric/),
    });
  });
});

describe('buildCsvDataset', () => {
  it('fits the scaling on training rows only: validation values do not move it', () => {
    // 100 rows; whatever the split, changing only validation rows must leave the training features unchanged.
    const first = load('x,y\n' + rowsOf(100, (i) => `${i},${i % 2 ? 'a' : 'b'}`));
    const a = buildCsvDataset(first.table, first.summary, defaultCsvOptions(first.summary), 0.2, 3);
    const trainX = Array.from(a.split.train, (i) => a.dataset.x[i]);
    const mean = trainX.reduce((s, v) => s + v, 0) / trainX.length;
    const sd = Math.sqrt(trainX.reduce((s, v) => s + (v - mean) ** 2, 0) / trainX.length);
    expect(mean).toBeCloseTo(0, 5);
    expect(sd).toBeCloseTo(1, 5);
    // Now make every validation row extreme: training features stay as they were.
    const validationRows = new Set(a.split.validation);
    const poisoned = {
      header: first.table.header,
      rows: first.table.rows.map((row, i) => (validationRows.has(i) ? ['100000', row[1]] : row)),
    };
    const b = buildCsvDataset(
      poisoned,
      summariseTable(poisoned, true, ',', { count: 0, lines: [] }),
      defaultCsvOptions(first.summary),
      0.2,
      3,
    );
    expect(Array.from(b.split.train, (i) => b.dataset.x[i])).toEqual(trainX);
  });

  it('fills missing numbers from the training rows (mean, median, most frequent) or drops those rows', () => {
    expect(fitNumeric([1, 2, Number.NaN, 9], 'mean', 'none').fill).toBe(4);
    expect(fitNumeric([1, 2, Number.NaN, 9], 'median', 'none').fill).toBe(2);
    expect(fitNumeric([1, 2, 2, Number.NaN], 'mode', 'none').fill).toBe(2);
    expect(fitNumeric([0, 5, 10], 'mean', 'minmax')).toEqual({ fill: 5, offset: 0, scale: 10 });
    const { table, summary } = load('a,b,c\n1,x,p\n,y,q\nNA,x,p\n4,y,q\n5,x,p\n6,y,q\n');
    const options: CsvOptions = { ...defaultCsvOptions(summary), missing: 'drop', scaling: 'none' };
    const built = buildCsvDataset(table, summary, options, 0.34, 1);
    expect(built.dataset.count).toBe(4);
    expect(built.dropped.missingFeatures).toBe(2);
  });

  it('one-hot encodes categories, drops duplicates and rows without a target', () => {
    const { table, summary } = load('colour,n,label\nred,1,a\nblue,2,b\nred,1,a\ngreen,3,\nblue,4,b\nred,5,a\n');
    const options: CsvOptions = { ...defaultCsvOptions(summary), scaling: 'none', dropDuplicates: true };
    const built = buildCsvDataset(table, summary, options, 0.25, 1);
    expect(built.dropped).toEqual({ missingTarget: 1, missingFeatures: 0, duplicates: 1 });
    expect(built.dataset.sampleShape).toEqual([4]); // red, blue, green + n
    expect(built.dataset.classes).toEqual(['a', 'b']);
    // Row "blue,2,b": colour one-hot [red, blue, green] = [0, 1, 0], then n = 2.
    expect(Array.from(built.dataset.x.slice(4, 8))).toEqual([0, 1, 0, 2]);
    expect(Array.from(built.dataset.y)).toEqual([0, 1, 1, 0]);
  });

  it('encodes a typed row exactly as it encoded the same row of the file', () => {
    const { table, summary } = load('colour,n,label\nred,1,a\nblue,2,b\nred,,a\ngreen,3,b\nblue,4,b\nred,5,a\n');
    const built = buildCsvDataset(table, summary, defaultCsvOptions(summary), 0.34, 1);
    const width = built.dataset.sampleShape[0];
    built.dataset.sourceRows!.forEach((row, i) =>
      expect(Array.from(built.dataset.encodeRow!(row))).toEqual(Array.from(built.dataset.x.slice(i * width, (i + 1) * width))),
    );
    // An unknown category encodes as no category; a missing number takes the training mean.
    const typed = built.dataset.encodeRow!(['purple', '', '']);
    expect(Array.from(typed.slice(0, 3))).toEqual([0, 0, 0]);
  });

  it('makes a regression dataset with a random split', () => {
    const { table, summary } = load('x,y\n' + rowsOf(50, (i) => `${i},${(i * 1.5).toFixed(1)}`));
    const options: CsvOptions = { ...defaultCsvOptions(summary), task: 'regression' };
    expect(defaultCsvOptions(summary).task).toBe('regression');
    const built = buildCsvDataset(table, summary, options, 0.2, 9);
    expect(built.dataset.task).toBe('regression');
    expect(built.split.validation).toHaveLength(10);
    expect(built.dataset.y[3]).toBeCloseTo(4.5);
  });
});

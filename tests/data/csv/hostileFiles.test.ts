// Bad files from the hardening issue's zoo that used to get a wrong or no message.
import { describe, expect, it } from 'vitest';
import { CsvError, MAX_COLUMNS, parseCsv } from '../../../src/data/csv/parse';
import { rowProblems } from '../../../src/data/csv/rowInput';
import { summariseTable } from '../../../src/data/csv/infer';
import { clip } from '../../../src/lib/text';

describe('hostile CSV files', () => {
  it('a NUL byte says the file is not plain text', () => {
    expect(() => parseCsv('a,b\n1,\u00002\n3,4\n')).toThrow(/NUL bytes/);
  });

  it('too many columns are refused with the limit, before anything is summarised', () => {
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => String(i)).join(',');
    expect(() => parseCsv(`${header}\n${row}\n`)).toThrow(/1,001 columns; this app takes at most 1,000/);
    expect(() => parseCsv(`${header}\n${row}\n`)).toThrow(CsvError);
  });

  it('mixed delimiters say how many rows would be skipped, not "only one class"', () => {
    const text = ['x,y,label', '1,2,a', '3;4;b', '5;6;a', '7;8;b', '9,10,b', '11;12;a'].join('\n');
    expect(() => parseCsv(text)).toThrow(/67 % of the rows \(4 of 6\) would be skipped.*mix delimiters/);
  });

  it('an unclosed quote names its line, not "only one class"', () => {
    const text = ['x,y,label', '1,2,a', '3,4,"b', '5,6,a', '7,8,b'].join('\n');
    expect(() => parseCsv(text)).toThrow(/^Line 3 opens a quoted field \("\) that is never closed/);
    // A quote closed on a later line is a cell with a line break, not an error.
    expect(parseCsv(['x,y,label', '1,2,"a', 'b"', '3,4,c'].join('\n')).table.rows).toHaveLength(2);
  });

  it('a 10 MB cell reaches the page clipped: the preview and the top values are short', () => {
    const cell = 'z'.repeat(10_000_000);
    const parsed = parseCsv(`a,b\n${cell},1\nq,2\n`);
    const summary = summariseTable(parsed.table, parsed.header, parsed.delimiter, parsed.skipped);
    expect(summary.preview[0][0]).toBe(`${'z'.repeat(200)}… (10,000,000 characters)`);
    expect(Math.max(...summary.columns[0].top.map((t) => t.value.length))).toBeLessThan(300);
    expect(clip('short')).toBe('short');
  });

  it('a few ragged rows are still skipped and listed, not refused', () => {
    const parsed = parseCsv(['x,y,label', '1,2,a', '3,4,b', '5,6', '7,8,b'].join('\n'));
    expect(parsed.skipped).toEqual({ count: 1, lines: [4] });
  });
});

describe('the row form', () => {
  it('refuses words in a number field and accepts numbers or an empty (missing) value', () => {
    const header = ['age', 'city', 'income'];
    const numeric = new Set(['age', 'income']);
    expect(rowProblems(header, ['abc', 'Paris', '12'], numeric).get(0)).toMatch(/age takes a number; "abc" is not one/);
    expect(rowProblems(header, ['41', 'Paris', ''], numeric).size).toBe(0);
    expect(rowProblems(header, [' 4.5e1 ', 'abc', 'NA'], numeric).size).toBe(0);
  });
});

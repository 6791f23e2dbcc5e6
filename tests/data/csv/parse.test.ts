import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvError, looksLikeHeader, parseCsv } from '../../../src/data/csv/parse';

const SPECTRUM = join(process.cwd(), 'node_modules/csv-spectrum');
const spectrumCases = readdirSync(join(SPECTRUM, 'csvs')).map((file) => file.replace(/\.csv$/, ''));

describe('the twelve csv-spectrum cases', () => {
  it('are all here', () => expect(spectrumCases).toHaveLength(12));

  it.each(spectrumCases)('%s parses to its expected JSON', (name) => {
    const text = readFileSync(join(SPECTRUM, 'csvs', `${name}.csv`), 'utf8');
    const json = JSON.parse(readFileSync(join(SPECTRUM, 'json', `${name}.json`), 'utf8')) as
      Record<string, string> | Record<string, string>[];
    const expected = Array.isArray(json) ? json : [json];
    // Upstream error: location_coordinates.json is one object, not a list,
    // and its phone number is not the one in the CSV beside it.
    if (name === 'location_coordinates') expected[0]['Contact Phone Number'] = '2095257564';
    const { table } = parseCsv(text, true);
    const objects = table.rows.map((row) => Object.fromEntries(table.header.map((column, i) => [column, row[i]])));
    expect(objects).toEqual(expected);
  });
});

describe('parseCsv', () => {
  it('detects the delimiter, a header, CRLF and a byte-order mark', () => {
    const parsed = parseCsv('\uFEFFname;height;kind\r\nann;1.5;a\r\nbob;1.8;b\r\n');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.header).toBe(true);
    expect(parsed.table).toEqual({
      header: ['name', 'height', 'kind'],
      rows: [
        ['ann', '1.5', 'a'],
        ['bob', '1.8', 'b'],
      ],
    });
  });

  it('reads tab-separated text, and numbers-only first rows as data', () => {
    const parsed = parseCsv('1\t2\t0\n3\t4\t1\n');
    expect(parsed.delimiter).toBe('\t');
    expect(parsed.header).toBe(false);
    expect(parsed.table.header).toEqual(['column 1', 'column 2', 'column 3']);
    expect(parsed.table.rows).toHaveLength(2);
  });

  it('skips ragged rows and says which lines', () => {
    const parsed = parseCsv('a,b,c\n1,2,3\n4,5\n\n6,7,8\n9,10,11,12\n"x\ny",1,2\n3,4\n');
    expect(parsed.table.rows).toEqual([
      ['1', '2', '3'],
      ['6', '7', '8'],
      ['x\ny', '1', '2'],
    ]);
    expect(parsed.skipped).toEqual({ count: 3, lines: [3, 6, 9] });
  });

  it('makes blank and repeated column names unique', () => {
    expect(parseCsv('a,a,,b\nx,1,2,3\ny,4,5,6\n', true).table.header).toEqual(['a', 'a (2)', 'column 3', 'b']);
  });

  it.each([
    ['an empty file', '', /empty/],
    ['only blank lines', '\n\n  \n', /empty/],
    ['one column', 'a\n1\n2\n', /only one column/],
    ['a header and nothing else', 'a,b\n', /no data rows/],
  ])('refuses %s with a message', (_, text, message) => {
    expect(() => parseCsv(text)).toThrow(CsvError);
    expect(() => parseCsv(text)).toThrow(message);
  });

  it('guesses headers as a person would', () => {
    expect(
      looksLikeHeader([
        ['x', 'y'],
        ['1', '2'],
      ]),
    ).toBe(true);
    expect(
      looksLikeHeader([
        ['city', 'country'],
        ['Paris', 'France'],
      ]),
    ).toBe(true);
    expect(
      looksLikeHeader([
        ['1', '2'],
        ['3', '4'],
      ]),
    ).toBe(false);
    expect(
      looksLikeHeader([
        ['a', 'a'],
        ['1', '2'],
      ]),
    ).toBe(false);
  });
});

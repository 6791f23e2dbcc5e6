// CSV text -> Table with papaparse: delimiter detection, quotes, CRLF, a
// header row guessed when not stated, and ragged rows skipped with their
// line numbers. Runs in the worker (and under Node in tests).
import Papa from 'papaparse';
import type { SkippedRows, Table } from './types';

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface ParsedCsv {
  table: Table;
  header: boolean;
  delimiter: string;
  skipped: SkippedRows;
}

const MAX_LISTED_LINES = 20;
/** More columns than this are refused: nobody picks types for thousands of columns in a form. */
export const MAX_COLUMNS = 1000;
/** Report progress about this often, in characters. */
const PROGRESS_EVERY = 256 * 1024;

const isNumber = (cell: string) => cell.trim() !== '' && Number.isFinite(Number(cell));

/**
 * A first row is a header when its cells are distinct and not all numbers,
 * and it does not look like the rows below it: some column has numbers below
 * but not in the first row, or every column is text.
 */
export function looksLikeHeader(rows: string[][]): boolean {
  const [first, ...rest] = rows;
  if (!first) return false;
  if (new Set(first).size !== first.length || first.some((cell) => cell.trim() === '')) return false;
  if (first.every(isNumber)) return false;
  if (rest.length === 0) return !first.some(isNumber);
  const sample = rest.slice(0, 50);
  const numericBelow = first.map((_, c) => sample.every((row) => row[c] === undefined || row[c].trim() === '' || isNumber(row[c])));
  if (first.some((cell, c) => numericBelow[c] && !isNumber(cell))) return true;
  return numericBelow.every((numeric) => !numeric);
}

/** Names for every column: blank and repeated names are made unique. */
function columnNames(first: string[], header: boolean): string[] {
  const seen = new Map<string, number>();
  return first.map((cell, i) => {
    const base = header && cell.trim() !== '' ? cell.trim() : `column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

interface RawRows {
  rows: string[][];
  /** Line (1-based) where each row starts. */
  lineOfRow: number[];
  delimiter: string;
  /** The line of the first row whose quote is never closed (the rest of the file then reads as one cell), or null. */
  unclosedQuote: number | null;
}

const DELIMITERS = [',', '\t', ';', '|'];

/** Every row as papaparse reads it, with the line it starts on; `delimiter` undefined means: guess. */
function readRows(body: string, delimiter: string | undefined, onProgress?: (fraction: number) => void): RawRows {
  const rows: string[][] = [];
  const lineOfRow: number[] = [];
  // Line (1-based) reached so far, and where the previous row ended.
  let line = 1;
  let cursor = 0;
  let lastReport = 0;
  let used = delimiter ?? ',';
  let unclosedQuote: number | null = null;
  Papa.parse<string[]>(body, {
    skipEmptyLines: 'greedy',
    delimiter,
    delimitersToGuess: DELIMITERS,
    step(result) {
      used = result.meta.delimiter;
      // The row starts at the first character after the previous row that is
      // not a line break or blank space (skipped blank lines count as lines).
      let start = cursor;
      while (start < body.length && /\s/.test(body[start])) {
        if (body.charCodeAt(start) === 10) line++;
        start++;
      }
      lineOfRow.push(line);
      if (unclosedQuote === null && result.errors.some((error) => error.code === 'MissingQuotes')) unclosedQuote = line;
      const end = result.meta.cursor;
      for (let i = start; i < end; i++) if (body.charCodeAt(i) === 10) line++;
      cursor = end;
      rows.push(result.data);
      if (onProgress && end - lastReport > PROGRESS_EVERY) {
        lastReport = end;
        onProgress(end / body.length);
      }
    },
  });
  return { rows, lineOfRow, delimiter: used, unclosedQuote };
}

/** Rows with as many fields as the first row; how many other rows there are. */
function fitting(raw: RawRows): number {
  const width = raw.rows[0]?.length ?? 0;
  return width < 2 ? 0 : raw.rows.filter((row) => row.length === width).length;
}

/**
 * Parses CSV text. `header` undefined means: guess. Throws CsvError with a
 * message for the page when the text holds no usable table.
 */
export function parseCsv(text: string, header?: boolean, onProgress?: (fraction: number) => void): ParsedCsv {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new CsvError('The file is empty.');
  if (body.includes('\u0000')) {
    throw new CsvError(
      'The file contains NUL bytes (character code 0), so it is not a plain-text CSV: perhaps a spreadsheet, a compressed file, or text saved as UTF-16. Save it as "CSV UTF-8" and load it again.',
    );
  }
  let raw = readRows(body, undefined, onProgress);
  // Papaparse guesses by consistency; when its guess leaves one column or most
  // rows out, the delimiter that keeps the most rows is used instead.
  if (raw.rows.length > 0 && fitting(raw) * 2 < raw.rows.length) {
    for (const delimiter of DELIMITERS) {
      if (delimiter === raw.delimiter) continue;
      const other = readRows(body, delimiter);
      if (fitting(other) > fitting(raw)) raw = other;
    }
  }
  const { rows, lineOfRow, delimiter } = raw;
  if (rows.length === 0) throw new CsvError('The file is empty.');
  if (raw.unclosedQuote !== null) {
    throw new CsvError(
      `Line ${raw.unclosedQuote} opens a quoted field (") that is never closed, so everything after it would read as one cell. Close the quote, or remove it, and load the file again.`,
    );
  }
  const width = rows[0].length;
  if (width < 2) {
    throw new CsvError(
      'The file has only one column. A dataset needs at least one feature column and one target column (separated by commas, tabs, semicolons or |).',
    );
  }
  if (width > MAX_COLUMNS) {
    throw new CsvError(
      `The file has ${width.toLocaleString('en-US')} columns; this app takes at most ${MAX_COLUMNS.toLocaleString('en-US')}. Keep the columns you need (in a spreadsheet, say) and load it again.`,
    );
  }
  const hasHeader = header ?? looksLikeHeader(rows);
  const names = columnNames(rows[0], hasHeader);
  const data: string[][] = [];
  const skipped: SkippedRows = { count: 0, lines: [] };
  rows.forEach((row, i) => {
    if (hasHeader && i === 0) return;
    if (row.length !== width) {
      skipped.count++;
      if (skipped.lines.length < MAX_LISTED_LINES) skipped.lines.push(lineOfRow[i]);
      return;
    }
    data.push(row);
  });
  if (data.length === 0)
    throw new CsvError(skipped.count > 0 ? `No row has the ${width} fields of the first row.` : 'The file has a header but no data rows.');
  // Most rows with another field count: a file that mixes delimiters, or was read with the wrong one.
  if (skipped.count > data.length) {
    const total = skipped.count + data.length;
    const name = delimiter === '\t' ? 'tabs' : `"${delimiter}"`;
    throw new CsvError(
      `${Math.round((100 * skipped.count) / total)} % of the rows (${skipped.count.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}) would be skipped: ` +
        `they do not have the ${width} fields of the first row (lines ${skipped.lines.slice(0, 5).join(', ')}${skipped.count > 5 ? ', …' : ''}). ` +
        `The file was read as separated by ${name}; it may mix delimiters. Use one delimiter throughout and load it again.`,
    );
  }
  onProgress?.(1);
  return { table: { header: names, rows: data }, header: hasHeader, delimiter, skipped };
}

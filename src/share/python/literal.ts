// Python literals from plain data, safe whatever the text holds: strings
// come out as ASCII single-quoted literals with every other character
// escaped, so a CSV header or class name with quotes, newlines or code in it
// stays a string. Pure.

const HEX = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A Python string literal equal to `text` (ASCII only, one line). */
export function pyString(text: string): string {
  let out = "'";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (char === "'") out += "\\'";
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code < 0x100) out += `\\x${HEX(code, 2)}`;
    else if (code < 0x10000) out += `\\u${HEX(code, 4)}`;
    else out += `\\U${HEX(code, 8)}`;
  }
  return `${out}'`;
}

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/** A number as Python reads it back exactly (non-finite numbers as float('nan') and the like). */
export function pyNumber(value: number): string {
  if (Number.isNaN(value)) return "float('nan')";
  if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "-float('inf')";
  return Object.is(value, -0) ? '-0.0' : String(value);
}

/** A Python expression for `value`; dicts and lists longer than `width` go one item per line. */
export function pyValue(value: PyValue, indent = '', width = 100): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyString(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    const items = value.map((item) => pyValue(item, inner, width));
    const flat = `[${items.join(', ')}]`;
    return flat.length + indent.length <= width && !flat.includes('\n')
      ? flat
      : `[\n${items.map((item) => `${inner}${item},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value).map(([key, item]) => `${pyString(key)}: ${pyValue(item, inner, width)}`);
  const flat = `{${entries.join(', ')}}`;
  return flat.length + indent.length <= width && !flat.includes('\n')
    ? flat
    : `{\n${entries.map((entry) => `${inner}${entry},\n`).join('')}${indent}}`;
}

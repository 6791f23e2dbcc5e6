// Text from a user's file, shortened for display: a 10 MB cell or a 1 MB
// column name must never reach a table, a select or a sentence whole.

/** Characters of a name shown in a sentence, a label or a table header. */
export const NAME_CHARS = 60;
/** Characters of a cell shown in a preview. */
export const CELL_CHARS = 200;

/** `text`, or its first `max` characters and how long it was: "abc… (1,048,576 characters)". */
export function clip(text: string, max = NAME_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}

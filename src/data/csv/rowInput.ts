// Checks one row a person typed into the row form before the model sees it:
// a numeric column takes a number or a missing marker (filled as in training),
// never words. Pure.
import { isMissing } from './infer';

/** Per column index, why the typed value cannot be used; empty when every value can. */
export function rowProblems(header: readonly string[], cells: readonly string[], numericColumns: ReadonlySet<string>): Map<number, string> {
  const problems = new Map<number, string>();
  header.forEach((name, c) => {
    const cell = cells[c] ?? '';
    if (!numericColumns.has(name) || isMissing(cell)) return;
    if (!Number.isFinite(Number(cell.trim())))
      problems.set(
        c,
        `${name} takes a number; "${cell.length > 20 ? `${cell.slice(0, 20)}…` : cell}" is not one. Leave it empty to fill it in as training did.`,
      );
  });
  return problems;
}

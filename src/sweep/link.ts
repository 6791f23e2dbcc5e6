// A sweep in a link (`sw=knob~values~seeds~target~metric~folds`), so an
// instructor can share "run this table". Read like every other field:
// nothing unchecked gets through, every change is a note, and no link can
// plan more than the caps allow (opening one never starts a run).
import { MAX_FOLDS, MIN_FOLDS } from '../data/folds';
import { KNOBS, KNOB_LABELS, MAX_SWEEP_RUNS, MAX_SWEEP_SEEDS, parseValues, sweepFolds, type Knob, type SweepSpec } from './plan';
import { sweepColumns } from './results';

export const SWEEP_KEY = 'sw';
/** Longer values are not read at all. */
const MAX_SWEEP_TEXT = 600;

export function encodeSweep(spec: SweepSpec): string {
  const parts = [spec.knob, spec.values.join(','), spec.seeds, spec.target, spec.metric];
  return (sweepFolds(spec) > 0 ? [...parts, sweepFolds(spec)] : parts).join('~');
}

const METRICS = new Set([...sweepColumns('classification'), ...sweepColumns('regression')].map((c) => c.key));

/** The sweep a link holds, or null with the reason in the notes. */
export function decodeSweep(text: string): { spec: SweepSpec | null; notes: string[] } {
  if (text.length > MAX_SWEEP_TEXT)
    return {
      spec: null,
      notes: [`The link's sweep is ${text.length.toLocaleString('en-US')} characters long, more than ${MAX_SWEEP_TEXT}; it was not read.`],
    };
  const [knobText = '', valuesText = '', seedsText = '1', targetText = '0.9', metricText = 'accuracy', foldsText = ''] = text.split('~');
  if (!(KNOBS as readonly string[]).includes(knobText))
    return { spec: null, notes: [`The link's sweep names an unknown knob ("${knobText.slice(0, 30)}"); it was not read.`] };
  const knob = knobText as Knob;
  const notes: string[] = [];
  const { values, problems } = parseValues(knob, valuesText);
  if (problems.length > 0)
    notes.push(
      `The link's sweep of ${KNOB_LABELS[knob]}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` and ${problems.length - 3} more` : ''}.`,
    );
  if (values.length === 0) return { spec: null, notes: [...notes, "The link's sweep has no usable values; it was not read."] };
  let seeds = Number(seedsText);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > MAX_SWEEP_SEEDS) {
    notes.push(
      `The link's sweep asks for ${seedsText.slice(0, 12)} seeds per value; ${Math.min(MAX_SWEEP_SEEDS, Math.max(1, Math.round(seeds) || 1))} are used (1 to ${MAX_SWEEP_SEEDS}).`,
    );
    seeds = Math.min(MAX_SWEEP_SEEDS, Math.max(1, Math.round(seeds) || 1));
  }
  const fit = Math.max(1, Math.floor(MAX_SWEEP_RUNS / values.length));
  if (seeds > fit) {
    notes.push(
      `The link's sweep would make ${values.length * seeds} runs; with ${fit} seed${fit === 1 ? '' : 's'} per value it makes ${values.length * fit}, within the cap of ${MAX_SWEEP_RUNS}.`,
    );
    seeds = fit;
  }
  let target = Number(targetText);
  if (!Number.isFinite(target) || target < 0 || target > 1e9) {
    notes.push(`The link's sweep target "${targetText.slice(0, 12)}" is not a number from 0 up; 0.9 is used.`);
    target = 0.9;
  }
  let metric = metricText;
  if (!METRICS.has(metric)) {
    notes.push(`The link's sweep charts an unknown column ("${metricText.slice(0, 30)}"); validation accuracy is charted.`);
    metric = 'accuracy';
  }
  let folds = 0;
  if (foldsText !== '') {
    folds = Number(foldsText);
    if (!Number.isInteger(folds) || folds < MIN_FOLDS || folds > MAX_FOLDS) {
      notes.push(`The link's sweep asks for ${foldsText.slice(0, 12)} folds; k-fold takes ${MIN_FOLDS} to ${MAX_FOLDS}, so it is off.`);
      folds = 0;
    }
    const foldFit = Math.floor(MAX_SWEEP_RUNS / values.length);
    if (folds > foldFit) {
      notes.push(
        `The link's sweep would make ${values.length * folds} runs; ${foldFit >= MIN_FOLDS ? `with ${foldFit} folds it makes ${values.length * foldFit}` : 'k-fold is off'}, within the cap of ${MAX_SWEEP_RUNS}.`,
      );
      folds = foldFit >= MIN_FOLDS ? foldFit : 0;
    }
  }
  return { spec: { knob, values, seeds, target, metric, ...(folds > 0 ? { folds } : {}) }, notes };
}

import { classWeightCells, MAX_CLASS_WEIGHT, parseClassWeights } from '../../data/imbalance';
import { updateConfig } from '../../state/actions';

/**
 * One weight per class, set by hand: each input writes its number into the
 * experiment's list (in the link as `cwv`); a list that does not fit the
 * classes says why, and Train refuses it with the same sentence.
 */
export function ClassWeightsByHand({ classes, text, locked }: { classes: readonly string[]; text: string; locked: boolean }) {
  const parsed = parseClassWeights(text, classes);
  const parts = classWeightCells(text);
  const cells = classes.map((_, c) => parts[c] ?? '1');
  const write = (c: number, value: string) =>
    updateConfig((config) => ({
      ...config,
      classWeightValues: cells.map((cell, k) => (k === c ? value.trim() : cell)).join(', '),
    }));
  return (
    <fieldset className="class-weights" data-testid="class-weights-by-hand">
      <legend>Weight of each class</legend>
      {classes.map((name, c) => (
        <label key={c} className="field">
          <span>{name}</span>
          <input
            type="number"
            aria-label={`Weight of ${name}`}
            min={0}
            max={MAX_CLASS_WEIGHT}
            step="any"
            value={cells[c]}
            disabled={locked}
            onChange={(event) => write(c, event.target.value)}
          />
        </label>
      ))}
      {typeof parsed === 'string' && (
        <p className="field-error" role="alert">
          {parsed}
        </p>
      )}
    </fieldset>
  );
}

import { CLASS_WEIGHTINGS, IMBALANCE_MODES, type ClassWeighting } from '../../config/experiment';
import { lossClassWeights, majorityBaseline, parseClassWeights, startingClassWeights, type ImbalanceMode } from '../../data/imbalance';
import { updateConfig } from '../../state/actions';
import { isLive, useAppStore } from '../../state/store';
import { selectConfig, selectStatus } from '../selectors';
import { useDatasetInfo } from '../model/useDatasetInfo';
import { RangeField } from '../controls/RangeField';
import { ClassWeightsByHand } from './ClassWeightsByHand';

const MODE_LABELS: Record<ImbalanceMode, string> = {
  off: 'Off: the classes as the data has them',
  one: 'One class rare',
  'all-but-one': 'One class common, the others rare',
};
const WEIGHT_LABELS: Record<ClassWeighting, string> = {
  off: 'Off: every sample counts the same',
  balanced: 'Balanced (n / (classes × n_c))',
  hand: 'Set by hand, per class',
};
/** Slider positions for the share kept (log scale). */
const SHARE_STEPS = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
const percent = (share: number) => `${Number((share * 100).toPrecision(2))} %`;

/** The class-imbalance knob, class weights, and what the last run's splits held. */
export function ImbalanceControls() {
  const config = useAppStore(selectConfig);
  const locked = isLive(useAppStore(selectStatus));
  const counts = useAppStore((state) => state.run.sizes.classCounts);
  const ranWith = useAppStore((state) => state.run.config);
  const { info } = useDatasetInfo();
  if (!info || info.task === 'regression' || info.classes.length < 2) return null;
  const classes = info.classes;
  const on = config.imbalance !== 'off';
  const shareIndex = SHARE_STEPS.reduce(
    (best, v, i) =>
      Math.abs(Math.log(v / config.imbalanceShare)) < Math.abs(Math.log(SHARE_STEPS[best] / config.imbalanceShare)) ? i : best,
    0,
  );
  const classIndex = Math.min(config.imbalanceClass, classes.length - 1);
  const baseline = counts ? majorityBaseline(counts.validation) : null;
  const trainTotal = counts ? counts.train.reduce((a, b) => a + b, 0) : 0;
  // The weights the last run's loss used (classWeightsFor's figures); none for a run on other classes.
  const used =
    counts && ranWith && counts.train.length === classes.length
      ? lossClassWeights(ranWith, 'classification', classes, () => counts.train)
      : null;
  const usedWeights = Array.isArray(used) ? used : null;
  return (
    <section className="lab" aria-label="Class imbalance">
      <h2>Class imbalance</h2>
      <label className="field">
        <span>Imbalance</span>
        <select
          aria-label="Imbalance"
          value={config.imbalance}
          disabled={locked}
          onChange={(event) => updateConfig((c) => ({ ...c, imbalance: event.target.value as ImbalanceMode }))}
        >
          {IMBALANCE_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {MODE_LABELS[mode]}
            </option>
          ))}
        </select>
      </label>
      {on && (
        <>
          <label className="field">
            <span>{config.imbalance === 'one' ? 'The rare class' : 'The class kept whole'}</span>
            <select
              aria-label="Imbalanced class"
              value={classIndex}
              disabled={locked}
              onChange={(event) => updateConfig((c) => ({ ...c, imbalanceClass: Number(event.target.value) }))}
            >
              {classes.map((name, k) => (
                <option key={k} value={k}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <RangeField
            name="Share kept"
            text={`Share kept: ${percent(config.imbalanceShare)} of ${config.imbalance === 'one' ? 'that class' : 'each other class'}`}
            min={0}
            max={SHARE_STEPS.length - 1}
            step={1}
            value={shareIndex}
            disabled={locked}
            onChange={(index) => updateConfig((c) => ({ ...c, imbalanceShare: SHARE_STEPS[index] }))}
          />
          <label className="field checkbox">
            <input
              type="checkbox"
              checked={config.imbalanceValidation}
              disabled={locked}
              onChange={(event) => updateConfig((c) => ({ ...c, imbalanceValidation: event.target.checked }))}
            />
            Imbalance the validation split too (as the world would be)
          </label>
        </>
      )}
      <label className="field">
        <span>Class weights in the loss</span>
        <select
          aria-label="Class weights"
          value={config.classWeights}
          disabled={locked}
          onChange={(event) => {
            const classWeights = event.target.value as ClassWeighting;
            updateConfig((c) => ({
              ...c,
              classWeights,
              // By hand starts from the balanced weights of the last run's counts (or all 1), unless the list already fits.
              classWeightValues:
                classWeights === 'hand' && typeof parseClassWeights(c.classWeightValues, classes) === 'string'
                  ? startingClassWeights(classes.length, counts?.train)
                  : c.classWeightValues,
            }));
          }}
        >
          {CLASS_WEIGHTINGS.map((weighting) => (
            <option key={weighting} value={weighting}>
              {WEIGHT_LABELS[weighting]}
            </option>
          ))}
        </select>
      </label>
      {config.classWeights === 'hand' && <ClassWeightsByHand classes={classes} text={config.classWeightValues} locked={locked} />}
      {usedWeights && (
        <p className="hint" data-testid="class-weights-used">
          The last run weighed each sample’s loss by its class ({ranWith?.classWeights === 'hand' ? 'set by hand' : 'balanced'}):{' '}
          {usedWeights.map((w, c) => `${classes[c]} ${Number(w.toPrecision(3))}`).join(', ')}.
        </p>
      )}
      {counts && on && (
        <p className="hint" data-testid="imbalance-counts">
          Last run: {classes[classIndex]} had {counts.train[classIndex].toLocaleString('en-US')} of {trainTotal.toLocaleString('en-US')}{' '}
          training samples ({percent(counts.train[classIndex] / Math.max(1, trainTotal))}).
          {baseline &&
            ` Always answering “${classes[baseline.classIndex]}” scores ${baseline.accuracy.toFixed(3)} validation accuracy: the dotted line under the accuracy curve.`}
        </p>
      )}
      <p className="hint">
        With one class rare, a model can score high accuracy by rarely predicting it; macro F1 and that class’s F1 (on the accuracy chart)
        and the confusion matrix show the misses. Balanced class weights make each class weigh the same in the loss; by hand, a weight of 5
        makes each miss of that class cost five times as much. Both are Keras’s <code>class_weight</code>.
      </p>
    </section>
  );
}

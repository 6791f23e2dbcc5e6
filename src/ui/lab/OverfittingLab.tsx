import { setNumericSetting } from '../../state/actions';
import { setDropout } from '../../state/layerActions';
import { isLive, useAppStore } from '../../state/store';
import { selectConfig, selectStatus } from '../selectors';
import { useDatasetInfo } from '../model/useDatasetInfo';
import { RangeField } from '../controls/RangeField';
import { clearComparison, cureOverfitting, showOverfitting } from '../../state/demoActions';
import { DemoGap } from './DemoGap';
import { setSweepSpec } from '../../state/sweepActions';
import { startSweep } from '../../state/sweepRunner';
import type { Knob } from '../../sweep/plan';

/** The fitting curve's sweeps: model depth from a logistic regression up, and width from a sliver to eight times. */
const FITTING_SWEEPS = [
  { knob: 'depth', values: [0, 1, 2, 3, 4], label: 'Fitting curve: depth 0 (logistic) to 4' },
  { knob: 'width', values: [0.125, 0.25, 0.5, 1, 2, 4, 8], label: 'Fitting curve: width ×⅛ to ×8' },
] as const satisfies readonly { knob: Knob; values: number[]; label: string }[];

/** Weight decay the L2 toggle sets. */
const LAB_WEIGHT_DECAY = 0.001;
/** Slider positions for the training-set size: from a handful to everything (log scale). */
const SIZE_STEPS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];

/** The knobs that make overfitting appear and disappear. */
export function OverfittingLab() {
  const config = useAppStore(selectConfig);
  const status = useAppStore(selectStatus);
  const demo = useAppStore((state) => state.demo);
  const locked = isLive(status);
  const sweepRunning = useAppStore((state) => state.sweep.active?.status === 'running');
  const { info } = useDatasetInfo();
  // dropout(0) drops nothing: it does not count as on.
  const dropoutOn = config.layers.some((layer) => layer.kind === 'dropout' && layer.rate > 0);
  const l2On = config.weightDecay > 0;
  const sizeIndex = SIZE_STEPS.reduce(
    (best, v, i) => (Math.abs(Math.log(v / config.trainFraction)) < Math.abs(Math.log(SIZE_STEPS[best] / config.trainFraction)) ? i : best),
    0,
  );
  return (
    <section className="lab" aria-label="Fitting lab">
      <h2>Fitting lab: underfitting and overfitting</h2>
      <div className="demo-actions" role="group" aria-label="Overfitting demo">
        <button type="button" className="primary" data-testid="show-overfitting" onClick={showOverfitting}>
          Show overfitting
        </button>
        <button
          type="button"
          data-testid="cure-overfitting"
          onClick={cureOverfitting}
          disabled={demo.stage !== 'overfitting' || status === 'running'}
        >
          Cure it: dropout + early stopping
        </button>
        {demo.before && (
          <button type="button" className="link" onClick={clearComparison}>
            Hide the earlier run
          </button>
        )}
      </div>
      <p className="hint">
        One click: an oversized net on 2 % of the digits with a fifth of the labels flipped, trained at once; the validation curve peels
        away. The cure trains it again with dropout and early stopping and draws the first run in grey beneath.
      </p>
      <DemoGap />
      <div className="demo-actions" role="group" aria-label="Fitting curve">
        {FITTING_SWEEPS.map((sweep) => (
          <button
            key={sweep.knob}
            type="button"
            data-testid={`fitting-${sweep.knob}`}
            disabled={locked || sweepRunning}
            onClick={() => {
              setSweepSpec({ knob: sweep.knob, values: sweep.values, seeds: 1, target: 0.9, metric: 'valError' });
              startSweep();
            }}
          >
            {sweep.label}
          </button>
        ))}
      </div>
      <p className="hint">
        The fitting curve trains the experiment once per model size (in Sweeps) and draws training and validation error against it: too
        small a model underfits (high error on both), too large a one overfits (the curves part), and the sweet spot between is marked.
      </p>
      <RangeField
        name="Training set size"
        text={`Training set size: ${(config.trainFraction * 100).toFixed(config.trainFraction < 0.01 ? 1 : 0)}% of the training split`}
        min={0}
        max={SIZE_STEPS.length - 1}
        step={1}
        value={sizeIndex}
        disabled={locked}
        onChange={(index) => setNumericSetting('trainFraction', SIZE_STEPS[index])}
      />
      {info?.task !== 'regression' && (
        <RangeField
          name="Label noise"
          text={`Label noise: ${Math.round(config.labelNoise * 100)}% of training labels flipped`}
          min={0}
          max={0.9}
          step={0.05}
          value={config.labelNoise}
          disabled={locked}
          onChange={(noise) => setNumericSetting('labelNoise', noise)}
        />
      )}
      <div className="toggles" role="group" aria-label="Regularisation toggles">
        <button type="button" aria-pressed={dropoutOn} disabled={locked} onClick={() => setDropout(!dropoutOn)}>
          Dropout {dropoutOn ? 'on' : 'off'}
        </button>
        <button
          type="button"
          aria-pressed={l2On}
          disabled={locked}
          onClick={() => setNumericSetting('weightDecay', l2On ? 0 : LAB_WEIGHT_DECAY)}
        >
          L2 {l2On ? 'on' : 'off'}
        </button>
      </div>
      <p className="hint">
        To see overfitting: pick the oversized preset, shrink the training set, add label noise, and train for many epochs. Dropout puts a
        dropout layer (rate 0.5) after every dense layer; L2 sets weight decay to {LAB_WEIGHT_DECAY}. For 2-D sets, the Noise slider adds
        input noise.
      </p>
    </section>
  );
}

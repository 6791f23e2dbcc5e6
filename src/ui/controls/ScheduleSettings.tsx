import { SCHEDULES, SCHEDULE_LABELS, scheduleCurve, type ScheduleName } from '../../config/schedule';
import { setNumericSetting, updateConfig } from '../../state/actions';
import { useAppStore } from '../../state/store';
import { selectConfig } from '../selectors';
import { NumberSetting } from './NumberSetting';
import { optionsOf, SelectField } from './SelectField';

const WIDTH = 160;
const HEIGHT = 40;

/** The rate over the run, as a small line: its shape in epochs (warm-up, decay), from the settings alone. */
function ScheduleCurve() {
  const config = useAppStore(selectConfig);
  const sizes = useAppStore((state) => state.run.sizes);
  // Steps per epoch as the last run saw them, or a nominal 20: the shape is in epochs.
  const perEpoch = sizes.stepsPerEpoch > 0 ? sizes.stepsPerEpoch : 20;
  const curve = scheduleCurve(config, config.learningRate, perEpoch, config.epochs * perEpoch);
  const top = Math.max(...curve.map((p) => p.rate), 1e-12);
  const last = curve[curve.length - 1].step;
  const points = curve.map((p) => `${((p.step - 1) / Math.max(1, last - 1)) * WIDTH},${HEIGHT - (p.rate / top) * HEIGHT}`).join(' ');
  const figure = (v: number) => Number(v.toPrecision(2)).toString();
  return (
    <figure className="schedule-curve" data-testid="schedule-curve">
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 -2 ${WIDTH} ${HEIGHT + 4}`} role="img" aria-label="Learning rate over the run">
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth={1.5} />
      </svg>
      <figcaption className="hint">
        Rate over {config.epochs} epochs: from {figure(curve[0].rate)} (peak {figure(top)}) to {figure(curve[curve.length - 1].rate)}
      </figcaption>
    </figure>
  );
}

/** The learning-rate schedule and its own settings, with its curve. */
export function ScheduleSettings({ locked }: { locked: boolean }) {
  const config = useAppStore(selectConfig);
  return (
    <div className="schedule-settings">
      <SelectField<ScheduleName>
        label="Learning-rate schedule"
        value={config.schedule}
        options={optionsOf(SCHEDULES, SCHEDULE_LABELS)}
        disabled={locked}
        onChange={(schedule) => updateConfig((c) => ({ ...c, schedule }))}
      />
      {(config.schedule === 'step' || config.schedule === 'exponential') && (
        <NumberSetting
          name="decayRate"
          label={config.schedule === 'step' ? 'Decay factor' : 'Decay factor per epoch'}
          value={config.decayRate}
          step={0.05}
          disabled={locked}
          onValid={(v) => setNumericSetting('decayRate', v)}
        />
      )}
      {config.schedule === 'step' && (
        <NumberSetting
          name="decayEvery"
          label="Decay every (epochs)"
          value={config.decayEvery}
          step={1}
          disabled={locked}
          onValid={(v) => setNumericSetting('decayEvery', v)}
        />
      )}
      {config.schedule === 'cosine' && (
        <NumberSetting
          name="warmupEpochs"
          label="Warm-up (epochs)"
          value={config.warmupEpochs}
          step={0.5}
          disabled={locked}
          onValid={(v) => setNumericSetting('warmupEpochs', v)}
        />
      )}
      {config.schedule === 'onecycle' && (
        <p className="hint">Up from a 25th of the rate to the rate over the first 30 % of steps, then down to a 10,000th.</p>
      )}
      {config.schedule !== 'constant' && <ScheduleCurve />}
    </div>
  );
}

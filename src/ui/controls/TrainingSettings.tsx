import { useEffect, useRef } from 'react';
import { setEarlyStopping, setNumericSetting, setUntilStopped } from '../../state/actions';
import { isLive, useAppStore } from '../../state/store';
import { selectConfig, selectStatus } from '../selectors';
import { OPTIMIZER_LABELS, USUAL_LEARNING_RATE } from '../../config/optimizerParams';
import { NumberSetting } from './NumberSetting';
import { OptimizerChoice, OptimizerParams } from './OptimizerSettings';
import { ScheduleSettings } from './ScheduleSettings';
import { LrFinder } from './LrFinder';
import { defaultConfig } from '../../config/experiment';
import { defaultOptimizerParams, OPTIMIZER_PARAMS } from '../../config/optimizerParams';

/** Slider range for the learning rate, as powers of ten. */
const LOG_LR_MIN = -5;
const LOG_LR_MAX = 0;

/** Optimizer, learning rate (also while training), batch size, epochs, validation split, regularisation and seed. */
export function TrainingSettings() {
  const config = useAppStore(selectConfig);
  const status = useAppStore(selectStatus);
  const locked = isLive(status);
  const defaults = defaultConfig();
  const usual = defaultOptimizerParams(config.optimizer);
  const more = useRef<HTMLDetailsElement>(null);
  const customised =
    config.weightDecay !== defaults.weightDecay ||
    config.seed !== defaults.seed ||
    OPTIMIZER_PARAMS[config.optimizer].some((p) => config.optimizerParams[p] !== usual[p]);
  // Opened when they hold something of note (a link's values, say); never closed under the user.
  useEffect(() => {
    if (customised && more.current) more.current.open = true;
  }, [customised]);
  return (
    <section className="settings" aria-label="Training settings">
      <h2>Training</h2>
      <OptimizerChoice locked={locked} />
      <NumberSetting
        name="learningRate"
        label="Learning rate"
        value={config.learningRate}
        onValid={(v) => setNumericSetting('learningRate', v)}
      />
      <label className="field">
        <span className="sr-only">Learning rate (logarithmic slider)</span>
        <input
          type="range"
          aria-label="Learning rate slider"
          min={LOG_LR_MIN}
          max={LOG_LR_MAX}
          step={0.1}
          value={Math.log10(config.learningRate)}
          onChange={(event) => setNumericSetting('learningRate', Number((10 ** Number(event.target.value)).toPrecision(2)))}
        />
      </label>
      {config.learningRate !== USUAL_LEARNING_RATE[config.optimizer] && (
        <p className="hint" data-testid="usual-rate">
          {OPTIMIZER_LABELS[config.optimizer]} usually works with a learning rate near {USUAL_LEARNING_RATE[config.optimizer]}.{' '}
          <button type="button" className="link" onClick={() => setNumericSetting('learningRate', USUAL_LEARNING_RATE[config.optimizer])}>
            Use {USUAL_LEARNING_RATE[config.optimizer]}
          </button>
        </p>
      )}
      {locked && <p className="hint">A new learning rate applies from the next batch; the batch chart marks it.</p>}
      <LrFinder />
      <ScheduleSettings locked={locked} />
      <NumberSetting
        name="batchSize"
        label="Batch size"
        value={config.batchSize}
        step={1}
        disabled={locked}
        onValid={(v) => setNumericSetting('batchSize', v)}
      />
      <NumberSetting
        name="epochs"
        label="Epochs"
        value={config.epochs}
        step={1}
        disabled={locked || config.untilStopped}
        onValid={(v) => setNumericSetting('epochs', v)}
      />
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={config.untilStopped}
          disabled={locked}
          onChange={(event) => setUntilStopped(event.target.checked)}
        />
        <span>Train until stopped</span>
      </label>
      <NumberSetting
        name="validationSplit"
        label="Validation split"
        value={config.validationSplit}
        step={0.05}
        disabled={locked}
        onValid={(v) => setNumericSetting('validationSplit', v)}
      />
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={config.earlyStopping}
          disabled={locked}
          onChange={(event) => setEarlyStopping(event.target.checked)}
        />
        <span>Early stopping</span>
      </label>
      {config.earlyStopping && (
        <NumberSetting
          name="patience"
          label="Patience"
          value={config.patience}
          step={1}
          disabled={locked}
          onValid={(v) => setNumericSetting('patience', v)}
        />
      )}
      {/* Settings a learner rarely touches fold away; open by themselves when they hold something other than the defaults. */}
      <details className="more-settings" ref={more}>
        <summary>
          More settings:{' '}
          {[...(OPTIMIZER_PARAMS[config.optimizer].length > 0 ? ['optimizer parameters'] : []), 'weight decay', 'seed'].join(', ')}
        </summary>
        <OptimizerParams locked={locked} />
        <NumberSetting
          name="weightDecay"
          label="Weight decay (L2)"
          value={config.weightDecay}
          step={0.0001}
          disabled={locked}
          onValid={(v) => setNumericSetting('weightDecay', v)}
        />
        <NumberSetting
          name="seed"
          label="Seed"
          value={config.seed}
          step={1}
          disabled={locked}
          onValid={(v) => setNumericSetting('seed', v)}
        />
      </details>
    </section>
  );
}

import { OPTIMIZERS } from '../../config/experiment';
import { OPTIMIZER_LABELS, OPTIMIZER_PARAM_LABELS, OPTIMIZER_PARAMS } from '../../config/optimizerParams';
import { setOptimizer, setOptimizerParam } from '../../state/actions';
import { useAppStore } from '../../state/store';
import { selectConfig } from '../selectors';
import { NumberSetting } from './NumberSetting';
import { SelectField, optionsOf } from './SelectField';

/** The optimizer menu. */
export function OptimizerChoice({ locked }: { locked: boolean }) {
  const optimizer = useAppStore((state) => state.config.optimizer);
  return (
    <SelectField
      label="Optimizer"
      value={optimizer}
      disabled={locked}
      options={optionsOf(OPTIMIZERS, OPTIMIZER_LABELS)}
      onChange={setOptimizer}
    />
  );
}

/** The parameters the chosen optimizer takes (reset to its defaults when it changes). */
export function OptimizerParams({ locked }: { locked: boolean }) {
  const config = useAppStore(selectConfig);
  return (
    <>
      {OPTIMIZER_PARAMS[config.optimizer].map((param) => (
        <NumberSetting
          // A new optimizer brings new defaults: start its fields afresh.
          key={`${config.optimizer}-${param}`}
          name={param}
          label={OPTIMIZER_PARAM_LABELS[param]}
          value={config.optimizerParams[param]}
          disabled={locked}
          onValid={(v) => setOptimizerParam(param, v)}
        />
      ))}
    </>
  );
}

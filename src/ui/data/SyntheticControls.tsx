import type { DatasetRef } from '../../config/datasets';
import { SYNTHETIC_LIMITS } from '../../config/restoreDataset';
import { SYNTHETIC_LABELS, SYNTHETIC_SHAPES } from '../../data/synthetic';
import { RangeField } from '../controls/RangeField';
import { SelectField, optionsOf } from '../controls/SelectField';
import { setNumericSetting } from '../../state/actions';
import { updateSynthetic } from '../../state/dataActions';
import { useAppStore } from '../../state/store';

/** Shape, noise, number of points and training ratio of a synthetic 2-D set (seeded by the experiment's seed). */
export function SyntheticControls({ dataset, locked }: { dataset: Extract<DatasetRef, { kind: 'synthetic' }>; locked: boolean }) {
  const validationSplit = useAppStore((state) => state.config.validationSplit);
  const ratio = Math.round((1 - validationSplit) * 100);
  return (
    <div className="synthetic">
      <SelectField label="Synthetic set" value={dataset.shape} disabled={locked} options={optionsOf(SYNTHETIC_SHAPES, SYNTHETIC_LABELS)} onChange={(shape) => updateSynthetic({ shape })} />
      <RangeField
        name="Noise"
        text={`Noise: ${dataset.noise.toFixed(2)}`}
        min={SYNTHETIC_LIMITS.noise.min}
        max={SYNTHETIC_LIMITS.noise.max}
        step={0.01}
        value={dataset.noise}
        disabled={locked}
        onChange={(noise) => updateSynthetic({ noise })}
      />
      <RangeField
        name="Training ratio"
        text={`Training ratio: ${ratio}%`}
        min={10}
        max={95}
        step={5}
        value={ratio}
        disabled={locked}
        onChange={(percent) => setNumericSetting('validationSplit', Number((1 - percent / 100).toFixed(2)))}
      />
      <label className="field">
        <span>Number of points</span>
        <input
          type="number"
          aria-label="Number of points"
          min={SYNTHETIC_LIMITS.count.min}
          max={SYNTHETIC_LIMITS.count.max}
          step={50}
          value={dataset.count}
          disabled={locked}
          onChange={(event) => event.target.value !== '' && updateSynthetic({ count: Number(event.target.value) })}
        />
      </label>
    </div>
  );
}

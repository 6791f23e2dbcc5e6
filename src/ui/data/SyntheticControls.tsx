import type { DatasetRef } from '../../config/datasets';
import { SYNTHETIC_LIMITS } from '../../config/restoreDataset';
import { SYNTHETIC_LABELS, SYNTHETIC_SHAPES } from '../../data/synthetic';
import { RangeField } from '../controls/RangeField';
import { SelectField, optionsOf } from '../controls/SelectField';
import { setNumericSetting } from '../../state/actions';
import { updateSynthetic, applySpiralRecipe } from '../../state/dataActions';
import { FEATURE_LABELS, FEATURES, orderedFeatures } from '../../data/features';
import { useAppStore } from '../../state/store';

/** Shape, noise, number of points and training ratio of a synthetic 2-D set (seeded by the experiment's seed). */
export function SyntheticControls({ dataset, locked }: { dataset: Extract<DatasetRef, { kind: 'synthetic' }>; locked: boolean }) {
  const validationSplit = useAppStore((state) => state.config.validationSplit);
  const ratio = Math.round((1 - validationSplit) * 100);
  return (
    <div className="synthetic">
      <SelectField
        label="Synthetic set"
        value={dataset.shape}
        disabled={locked}
        options={optionsOf(SYNTHETIC_SHAPES, SYNTHETIC_LABELS)}
        onChange={(shape) => updateSynthetic({ shape })}
      />
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
      <fieldset className="features" disabled={locked}>
        <legend>Input features (what the model sees of each point)</legend>
        {FEATURES.map((name) => (
          <label key={name} className="checkbox feature">
            <input
              type="checkbox"
              checked={dataset.features.includes(name)}
              // The last feature cannot be taken away: a model needs an input.
              disabled={dataset.features.length === 1 && dataset.features.includes(name)}
              onChange={(event) =>
                updateSynthetic({
                  features: event.target.checked
                    ? orderedFeatures([...dataset.features, name])
                    : dataset.features.filter((f) => f !== name),
                })
              }
            />
            {FEATURE_LABELS[name]}
          </label>
        ))}
        {dataset.shape === 'spiral' && (
          <p className="hint">
            Two coordinates are not enough for a small net on the spiral.{' '}
            <button type="button" onClick={applySpiralRecipe} data-testid="spiral-recipe">
              Use the spiral recipe
            </button>{' '}
            (all seven features, two tanh layers of 8).
          </p>
        )}
      </fieldset>
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

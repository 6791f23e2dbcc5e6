import { useState } from 'react';
import { canFreeze, estimateTrainingBytes, isFrozen, type LayerKind } from '../../model/spec';
import { LAYER_KINDS, PRESETS, type PresetName } from '../../model/presets';
import { addLayer, applyPreset, duplicateLayer, moveLayer, removeLayer, setFrozen, updateLayer } from '../../state/layerActions';
import { isLive, useAppStore } from '../../state/store';
import { selectConfig, selectStatus } from '../selectors';
import { useDatasetInfo } from '../model/useDatasetInfo';
import { useMemoryProblem, useModelCheck } from '../model/useModelCheck';
import { LayerFields } from './LayerFields';

const shape = (dims: number[]) => `[${dims.join(', ')}]`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The model builder: input, editable hidden layers, output, with live shapes and sizes. */
export function LayerStack() {
  const layers = useAppStore((state) => selectConfig(state).layers);
  const batchSize = useAppStore((state) => selectConfig(state).batchSize);
  const status = useAppStore(selectStatus);
  const locked = isLive(status);
  const check = useModelCheck();
  const memory = useMemoryProblem(check);
  const { info, problem } = useDatasetInfo();
  const [newKind, setNewKind] = useState<LayerKind>('dense');
  const frozenParams = layers.reduce((sum, layer, i) => sum + (isFrozen(layer) ? (check?.layers[i]?.params ?? 0) : 0), 0);
  return (
    <section className="model" aria-label="Model builder">
      <h2>Model</h2>
      <div className="presets">
        <label className="field-inline">
          <span>Preset</span>
          <select
            aria-label="Preset"
            defaultValue=""
            disabled={locked}
            onChange={(event) => event.target.value && applyPreset(event.target.value as PresetName)}
          >
            <option value="" disabled>
              Choose a preset…
            </option>
            {Object.entries(PRESETS).map(([name, preset]) => (
              <option key={name} value={name}>
                {preset.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ol className="layers" aria-label="Layers">
        <li className="layer fixed">
          <span className="layer-kind">input</span>{' '}
          <span className="layer-shape" data-testid="model-input">
            {info ? shape(info.inputShape) : '—'}
          </span>
        </li>
        {layers.map((layer, i) => {
          const layerInfo = check?.layers[i];
          const bad = check !== null && !check.ok && check.layerIndex === i;
          const prefix = `Layer ${i + 1}`;
          const frozen = isFrozen(layer);
          return (
            <li key={i} className={`layer${bad ? ' bad' : ''}${frozen ? ' frozen' : ''}`} data-testid={`layer-${i + 1}`}>
              <div className="layer-head">
                <span className="layer-kind">
                  {i + 1}. {layer.kind}
                </span>
                <span className="layer-shape" data-testid={`layer-${i + 1}-shape`}>
                  {layerInfo ? shape(layerInfo.outputShape) : '—'}
                </span>
                <span className="layer-params" data-testid={`layer-${i + 1}-params`}>
                  {layerInfo ? `${layerInfo.params.toLocaleString('en-US')} params` : ''}
                </span>
                {canFreeze(layer) && (
                  <button
                    type="button"
                    className="freeze"
                    aria-label={`Freeze layer ${i + 1}`}
                    aria-pressed={frozen}
                    disabled={locked}
                    title={
                      frozen
                        ? 'Frozen: training leaves its weights as they start (from a kept model, for transfer). Press to train it again.'
                        : 'Freeze: training leaves this layer’s weights as they start. Start from a kept model (History, or Open model) to fine-tune the rest.'
                    }
                    onClick={() => setFrozen(i, !frozen)}
                  >
                    {frozen ? 'Frozen' : 'Freeze'}
                  </button>
                )}
              </div>
              <fieldset className="layer-fields" disabled={locked}>
                <legend className="sr-only">{prefix} settings</legend>
                <LayerFields layer={layer} prefix={prefix} onChange={(next) => updateLayer(i, next)} />
              </fieldset>
              <div className="layer-buttons">
                <button type="button" aria-label={`Move layer ${i + 1} up`} disabled={locked || i === 0} onClick={() => moveLayer(i, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move layer ${i + 1} down`}
                  disabled={locked || i === layers.length - 1}
                  onClick={() => moveLayer(i, 1)}
                >
                  ↓
                </button>
                <button type="button" aria-label={`Duplicate layer ${i + 1}`} disabled={locked} onClick={() => duplicateLayer(i)}>
                  Duplicate
                </button>
                <button type="button" aria-label={`Remove layer ${i + 1}`} disabled={locked} onClick={() => removeLayer(i)}>
                  Remove
                </button>
              </div>
            </li>
          );
        })}
        <li className={`layer fixed${check && !check.ok && check.layerIndex === layers.length ? ' bad' : ''}`}>
          <span className="layer-kind">output: {info ? `dense ${info.output.units}, ${info.output.activation}` : 'from the data'}</span>{' '}
          <span className="layer-shape">{check?.ok ? shape(check.output.outputShape) : '—'}</span>{' '}
          <span className="layer-params">{check?.ok ? `${check.output.params.toLocaleString('en-US')} params` : ''}</span>
        </li>
      </ol>
      <div className="add-layer">
        <label className="field-inline">
          <span>New layer</span>
          <select
            aria-label="New layer kind"
            value={newKind}
            disabled={locked}
            onChange={(event) => setNewKind(event.target.value as LayerKind)}
          >
            {LAYER_KINDS.map((kind) => (
              <option key={kind}>{kind}</option>
            ))}
          </select>
        </label>
        <button type="button" disabled={locked} onClick={() => addLayer(newKind)}>
          Add layer
        </button>
      </div>
      <p className="totals">
        Total parameters: <strong data-testid="total-params">{check ? check.totalParams.toLocaleString('en-US') : '—'}</strong>
        {check?.ok && (
          <>
            {' '}
            · trainable <strong data-testid="trainable-params">{check.trainableParams.toLocaleString('en-US')}</strong>
            {frozenParams > 0 && ` (${frozenParams.toLocaleString('en-US')} frozen)`}
          </>
        )}
        {check?.ok && info && (
          <>
            {' '}
            · training memory ≈ <span data-testid="memory-estimate">{mib(estimateTrainingBytes(check, info.inputShape, batchSize))}</span>
          </>
        )}
      </p>
      {memory && (
        <p className="invalid" role="alert" data-testid="memory-error">
          {memory}
        </p>
      )}
      {check && !check.ok && (
        <p className="invalid" role="alert" data-testid="model-error">
          {check.message}
        </p>
      )}
      {problem && (
        <p className="invalid" role="status" data-testid="data-problem">
          {problem}
        </p>
      )}
    </section>
  );
}

import { ACTIVATIONS, type Activation, type KernelRegularizer, type LayerSpec } from '../../model/spec';

interface Props {
  layer: LayerSpec;
  /** Names the layer in every label, e.g. "Layer 2 units". */
  prefix: string;
  onChange: (layer: LayerSpec) => void;
}

function NumberInput({
  label,
  value,
  min,
  step,
  onChange,
}: {
  label: string;
  value: number;
  min?: number;
  step?: number;
  onChange: (n: number) => void;
}) {
  return (
    <label className="layer-field">
      <span>{label.replace(/^Layer \d+ /, '')}</span>
      <input
        type="number"
        aria-label={label}
        value={Number.isFinite(value) ? value : ''}
        min={min}
        step={step ?? 1}
        onChange={(event) => onChange(event.target.value === '' ? Number.NaN : Number(event.target.value))}
      />
    </label>
  );
}

function ActivationSelect({ label, value, onChange }: { label: string; value: Activation; onChange: (a: Activation) => void }) {
  return (
    <label className="layer-field">
      <span>activation</span>
      <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value as Activation)}>
        {ACTIVATIONS.map((name) => (
          <option key={name}>{name}</option>
        ))}
      </select>
    </label>
  );
}

/** L1 and L2 penalties on a dense or conv2d layer's kernel (0 = none). */
function RegularizerInputs<T extends LayerSpec & KernelRegularizer>({
  prefix,
  layer,
  onChange,
}: {
  prefix: string;
  layer: T;
  onChange: (layer: T) => void;
}) {
  return (
    <>
      <NumberInput label={`${prefix} L1`} value={layer.l1 ?? 0} min={0} step={0.0001} onChange={(l1) => onChange({ ...layer, l1 })} />
      <NumberInput label={`${prefix} L2`} value={layer.l2 ?? 0} min={0} step={0.0001} onChange={(l2) => onChange({ ...layer, l2 })} />
    </>
  );
}

/** The editable settings of one layer, each with a label naming the layer. */
export function LayerFields({ layer, prefix, onChange }: Props) {
  switch (layer.kind) {
    case 'dense':
      return (
        <>
          <NumberInput label={`${prefix} units`} value={layer.units} min={1} onChange={(units) => onChange({ ...layer, units })} />
          <ActivationSelect
            label={`${prefix} activation`}
            value={layer.activation}
            onChange={(activation) => onChange({ ...layer, activation })}
          />
          <RegularizerInputs prefix={prefix} layer={layer} onChange={onChange} />
        </>
      );
    case 'conv2d':
      return (
        <>
          <NumberInput label={`${prefix} filters`} value={layer.filters} min={1} onChange={(filters) => onChange({ ...layer, filters })} />
          <NumberInput
            label={`${prefix} kernel size`}
            value={layer.kernelSize}
            min={1}
            onChange={(kernelSize) => onChange({ ...layer, kernelSize })}
          />
          <NumberInput label={`${prefix} stride`} value={layer.strides} min={1} onChange={(strides) => onChange({ ...layer, strides })} />
          <label className="layer-field">
            <span>padding</span>
            <select
              aria-label={`${prefix} padding`}
              value={layer.padding}
              onChange={(event) => onChange({ ...layer, padding: event.target.value as 'valid' | 'same' })}
            >
              <option>valid</option>
              <option>same</option>
            </select>
          </label>
          <ActivationSelect
            label={`${prefix} activation`}
            value={layer.activation}
            onChange={(activation) => onChange({ ...layer, activation })}
          />
          <RegularizerInputs prefix={prefix} layer={layer} onChange={onChange} />
        </>
      );
    case 'maxPool2d':
    case 'avgPool2d':
      return (
        <>
          <NumberInput
            label={`${prefix} pool size`}
            value={layer.poolSize}
            min={1}
            onChange={(poolSize) => onChange({ ...layer, poolSize })}
          />
          <NumberInput label={`${prefix} stride`} value={layer.strides} min={1} onChange={(strides) => onChange({ ...layer, strides })} />
        </>
      );
    case 'dropout':
      return (
        <NumberInput label={`${prefix} rate`} value={layer.rate} min={0} step={0.05} onChange={(rate) => onChange({ ...layer, rate })} />
      );
    case 'flatten':
    case 'batchNormalization':
      return null;
  }
}

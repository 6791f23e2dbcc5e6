interface Props {
  /** The accessible name, e.g. "Noise". */
  name: string;
  /** What the label shows, e.g. "Noise: 0.10". */
  text: string;
  min: number;
  max: number;
  step: number;
  value: number;
  disabled?: boolean;
  onChange: (value: number) => void;
}

/** A labelled slider whose label shows the current value. */
export function RangeField({ name, text, min, max, step, value, disabled, onChange }: Props) {
  return (
    <label className="field">
      <span>{text}</span>
      <input
        type="range"
        aria-label={name}
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(Number(event.target.value))}
      />
    </label>
  );
}

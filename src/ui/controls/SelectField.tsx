/** A labelled drop-down of `options` ([value, text] pairs). */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
}: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as T)}>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** [value, text] pairs from a list of values and a table of their texts. */
export function optionsOf<T extends string>(values: readonly T[], texts?: Record<T, string>): (readonly [T, string])[] {
  return values.map((value) => [value, texts ? texts[value] : value] as const);
}

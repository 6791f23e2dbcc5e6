import { useId, useState } from 'react';
import { parseSetting, type NumericSetting } from '../../config/validate';

interface Props {
  name: NumericSetting;
  label: string;
  value: number;
  step?: number | 'any';
  disabled?: boolean;
  onValid: (value: number) => void;
}

/**
 * A labelled number input that commits only valid values and says why a
 * value is refused; the last valid value stays in effect meanwhile.
 */
export function NumberSetting({ name, label, value, step = 'any', disabled, onValid }: Props) {
  // What is being typed; null shows the committed value (which the slider may change).
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const inputId = useId();
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="number"
        step={step}
        value={draft ?? String(value)}
        disabled={disabled}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        data-testid={`setting-${name}`}
        onBlur={() => {
          if (error === null) setDraft(null);
        }}
        onChange={(event) => {
          setDraft(event.target.value);
          const parsed = parseSetting(name, event.target.value);
          if ('error' in parsed) setError(parsed.error);
          else {
            setError(null);
            onValid(parsed.value);
          }
        }}
      />
      {error && (
        <span className="field-error" id={errorId} role="alert" data-testid={`setting-${name}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

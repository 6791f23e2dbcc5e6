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
  // What is being typed, and the committed value it belongs to. When the
  // value changes from elsewhere (the slider, a link, back / forward), the
  // draft no longer belongs to it and the new value shows.
  const [draft, setDraft] = useState<{ text: string; base: number; error: string | null } | null>(null);
  const current = draft !== null && Object.is(draft.base, value) ? draft : null;
  const error = current?.error ?? null;
  const errorId = useId();
  const inputId = useId();
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="number"
        step={step}
        value={current?.text ?? String(value)}
        disabled={disabled}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        data-testid={`setting-${name}`}
        onBlur={() => {
          if (error === null) setDraft(null);
        }}
        onChange={(event) => {
          const text = event.target.value;
          const parsed = parseSetting(name, text);
          if ('error' in parsed) setDraft({ text, base: value, error: parsed.error });
          else {
            setDraft({ text, base: parsed.value, error: null });
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

import { useState } from 'react';
import { experimentLink } from '../../state/urlSync';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; link: string };

interface Props {
  make?: () => string;
  label?: string;
  testId?: string;
  copied?: string;
}

/** Copies the link to the current experiment (or another link `make` gives), or shows it for copying by hand where the clipboard is refused. */
export function CopyLink({
  make = experimentLink,
  label = 'Copy link',
  testId = 'copy-link',
  copied = 'Link copied: whoever opens it gets this experiment, seed included.',
}: Props) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const copy = async () => {
    const link = make();
    try {
      await navigator.clipboard.writeText(link);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'manual', link });
    }
  };
  return (
    <div className="copy-link">
      <button type="button" data-testid={testId} onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" data-testid={`${testId}-status`}>
        {state.kind === 'copied' && copied}
      </span>
      {state.kind === 'manual' && (
        <label className="field">
          <span>The clipboard is not available here; copy this link:</span>
          <input readOnly value={state.link} onFocus={(event) => event.target.select()} autoFocus />
        </label>
      )}
    </div>
  );
}

import { useState } from 'react';
import { experimentLink } from '../../state/urlSync';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; link: string };

/** Copies the link to the current experiment, or shows it for copying by hand where the clipboard is refused. */
export function CopyLink() {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const copy = async () => {
    const link = experimentLink();
    try {
      await navigator.clipboard.writeText(link);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'manual', link });
    }
  };
  return (
    <div className="copy-link">
      <button type="button" data-testid="copy-link" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" data-testid="copy-link-status">
        {state.kind === 'copied' && 'Link copied: whoever opens it gets this experiment, seed included.'}
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

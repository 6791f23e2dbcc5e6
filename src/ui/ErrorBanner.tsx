import { dismissError } from '../state/actions';
import { useAppStore } from '../state/store';
import { selectError } from './selectors';

/** The visible message when something fails; the app stays usable behind it. */
export function ErrorBanner() {
  const error = useAppStore(selectError);
  if (!error) return null;
  return (
    <div className="error" role="alert">
      <p data-testid="error">{error}</p>
      <button type="button" onClick={dismissError} aria-label="Dismiss the error message">
        Dismiss
      </button>
    </div>
  );
}

import { dismissLinkNotes } from '../../state/urlSync';
import { useAppStore } from '../../state/store';
import { selectLinkNotes } from '../selectors';

/** What an opened link held that could not be used, and what was used instead. */
export function LinkNotes() {
  const notes = useAppStore(selectLinkNotes);
  if (notes.length === 0) return null;
  return (
    <div className="warning" role="alert" data-testid="link-notes">
      <div>
        <p>This link was opened, but not everything in it could be used:</p>
        <ul>
          {notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={dismissLinkNotes}>
        Dismiss
      </button>
    </div>
  );
}

import { confirmPendingLink, dismissPendingLink } from '../../state/dataActions';
import { describeSource } from '../../config/datasets';
import { useAppStore } from '../../state/store';

/** An opened link that wants data from the network: what, from where, how big; nothing is fetched until the reader agrees. */
export function PendingLink() {
  const pending = useAppStore((state) => state.pendingLink);
  const active = useAppStore((state) => state.config.dataset);
  if (!pending) return null;
  const { need } = pending;
  return (
    <div className="warning pending-link" role="alertdialog" aria-labelledby="pending-link-title" data-testid="pending-link">
      <div>
        <p id="pending-link-title">
          <strong>This link wants to download data.</strong> Nothing has been fetched yet.
        </p>
        <dl>
          <dt>What</dt>
          <dd>{need.what}</dd>
          <dt>From</dt>
          <dd className="address">{need.from}</dd>
          <dt>Size</dt>
          <dd>{need.size}</dd>
        </dl>
        <p className="hint">Until you load it, the page keeps the current experiment ({describeSource(active)}).</p>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={confirmPendingLink} data-testid="pending-link-load">
          Load and open the experiment
        </button>
        <button type="button" onClick={dismissPendingLink}>
          Keep the current experiment
        </button>
      </div>
    </div>
  );
}

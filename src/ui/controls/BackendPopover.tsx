import { BACKEND_LABELS } from '../../config/experiment';
import { useAppStore } from '../../state/store';
import { BackendChoice } from './BackendChoice';

/** Which backend runs, in the run bar; why (the measured speeds, what was passed over) opens over the page and moves nothing. */
export function BackendPopover() {
  const backend = useAppStore((state) => state.run.backend ?? state.backendPreview?.backend ?? null);
  const auto = useAppStore((state) => (state.run.config ?? state.config).backend === 'auto');
  const known = useAppStore((state) => Boolean(state.run.choice.reason || state.run.choice.fallbacks.length || state.backendPreview));
  if (!known) return null;
  return (
    <details className="popover backend-popover">
      <summary>
        {backend ? BACKEND_LABELS[backend] : 'Backend'}
        {auto ? ' (auto)' : ''}: why?
      </summary>
      <div className="popover-body">
        <BackendChoice />
      </div>
    </details>
  );
}

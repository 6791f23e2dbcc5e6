import { BACKEND_LABELS as LABEL } from '../../config/experiment';
import { useAppStore } from '../../state/store';
import { selectRun } from '../selectors';

/** Which backend the run uses and why: the measured speed of each, and what could not train the model. */
export function BackendChoice() {
  const run = useAppStore(selectRun);
  const preview = useAppStore((state) => state.backendPreview);
  // Before a run, what the warm-up measured; during and after one, what that run used.
  const shown = run.choice.reason || run.choice.fallbacks.length > 0 ? { ...run.choice, backend: run.backend } : preview;
  if (!shown) return null;
  const measured = shown.speeds
    .filter((s) => s.samplesPerSecond !== null)
    .sort((a, b) => (b.samplesPerSecond ?? 0) - (a.samplesPerSecond ?? 0));
  return (
    <div className="backend-choice" data-testid="backend-fallbacks" role="status">
      {shown.reason && <p data-testid="backend-reason">{shown.reason}</p>}
      {measured.length > 0 && (
        <table className="speeds" data-testid="backend-speeds">
          <caption>Measured on this model (samples/s)</caption>
          <tbody>
            {measured.map((s) => (
              <tr key={s.backend} className={s.backend === shown.backend ? 'chosen' : undefined}>
                <th scope="row">{LABEL[s.backend]}</th>
                <td>{Math.round(s.samplesPerSecond ?? 0).toLocaleString('en-US')}</td>
                <td className="detail">{s.threads ? `${s.threads} thread${s.threads > 1 ? 's' : ''}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown.fallbacks.length > 0 && (
        <>
          <p>Not used here:</p>
          <ul>
            {shown.fallbacks.map((fallback) => (
              <li key={fallback.backend}>
                {LABEL[fallback.backend]} was passed over: {fallback.reason}.
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

import { useAppStore } from '../../state/store';
import { selectData } from '../selectors';

const PHASES = { downloading: 'Downloading', reading: 'Reading', parsing: 'Parsing', decoding: 'Decoding' } as const;

/** A progress bar while data loads in the worker (the page stays responsive). */
export function LoadProgress() {
  const loading = useAppStore(selectData).loading;
  if (!loading) return null;
  const percent = loading.fraction === null ? null : Math.round(loading.fraction * 100);
  const text = `${PHASES[loading.phase]} ${loading.label}…${percent === null ? '' : ` ${percent}%`}`;
  return (
    <div className="load-progress" data-testid="load-progress">
      <progress aria-label={`${PHASES[loading.phase]} ${loading.label}`} max={100} value={percent ?? undefined} aria-valuetext={text} />
      <span>{text}</span>
    </div>
  );
}

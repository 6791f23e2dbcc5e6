import { BACKEND_PREFERENCES, type BackendPreference } from '../../config/experiment';
import { setBackendPreference } from '../../state/actions';
import { useAppStore } from '../../state/store';
import { selectConfig, selectStatus } from '../selectors';

const LABELS: Record<BackendPreference, string> = {
  auto: 'Auto (fastest, measured)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (plain JavaScript)',
  fused: 'Fused (small dense nets, typed arrays)',
};

/** Which tfjs backend to train on; applies from the next run. */
export function BackendSelect() {
  const backend = useAppStore((state) => selectConfig(state).backend);
  const status = useAppStore(selectStatus);
  return (
    <label className="field">
      <span>Backend</span>
      <select
        data-testid="backend-select"
        value={backend}
        disabled={status === 'running' || status === 'paused'}
        onChange={(event) => setBackendPreference(event.target.value as BackendPreference)}
      >
        {BACKEND_PREFERENCES.map((name) => (
          <option key={name} value={name}>
            {LABELS[name]}
          </option>
        ))}
      </select>
      {(backend === 'wasm' || backend === 'auto') && (
        <span className="hint" data-testid="wasm-threads">
          WebAssembly runs on one thread{typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated ? '' : ' (this page is not cross-origin isolated, which threads need)'}: on
          the two-core machines measured, threads gave no speed-up, so none are used anywhere.
        </span>
      )}
    </label>
  );
}

import { BACKEND_PREFERENCES, type BackendPreference } from '../../config/experiment';
import { setBackendPreference } from '../../state/actions';
import { isLive, useAppStore } from '../../state/store';
import { wasmThreadsNote } from '../../config/wasmThreads';
import { selectConfig, selectStatus, selectWasmThreadsNote } from '../selectors';

const LABELS: Record<BackendPreference, string> = {
  auto: 'Auto (fastest, measured)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (plain JavaScript)',
  fused: 'Fused (small dense nets, typed arrays)',
};

/** Before WASM ran: what this page and device allow. */
const expectedThreadsNote = () =>
  wasmThreadsNote({
    isolated: typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated,
    cores: navigator.hardwareConcurrency || 1,
    threads: null,
    failed: null,
  });

/** Which tfjs backend to train on; applies from the next run. */
export function BackendSelect() {
  const backend = useAppStore((state) => selectConfig(state).backend);
  const status = useAppStore(selectStatus);
  const threadsNote = useAppStore(selectWasmThreadsNote);
  return (
    <label className="field">
      <span>Backend</span>
      <select
        data-testid="backend-select"
        value={backend}
        disabled={isLive(status)}
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
          {threadsNote ?? expectedThreadsNote()}
        </span>
      )}
    </label>
  );
}

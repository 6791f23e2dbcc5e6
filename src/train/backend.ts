// Picks the tfjs backend in the worker: WebGPU, then WebGL, WASM, CPU, and
// falls past any that fails to start, lacks a kernel the model needs, or
// fails a one-batch smoke test. Each pass-over is reported with its reason.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendName, BackendPreference } from '../config/experiment';
import { errorMessage } from '../lib/assert';
import type { Fallback } from './protocol';
import { prepareWasm } from './wasmSetup';

export const BACKEND_ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
const SET_BACKEND_TIMEOUT_MS = 15_000;

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
}
interface NavigatorWithGpu {
  gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> };
}

/** The order to try: the preferred backend first, then the rest in default order. */
export function candidateOrder(preference: BackendPreference): BackendName[] {
  if (preference === 'auto') return BACKEND_ORDER.slice();
  return [preference, ...BACKEND_ORDER.filter((name) => name !== preference)];
}

/** Why WebGPU should not be used here, or null when it should be tried. */
async function webgpuObstacle(explicitlyChosen: boolean): Promise<string | null> {
  const gpu = (globalThis.navigator as NavigatorWithGpu | undefined)?.gpu;
  if (!gpu) return 'this browser does not offer WebGPU (navigator.gpu is missing)';
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return 'no WebGPU adapter is available (WebGPU may be disabled or blocklisted)';
  const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  const vendor = adapter.info?.description || [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ');
  if (fallback && !explicitlyChosen) {
    return `the WebGPU adapter is a software fallback${vendor ? ` (${vendor})` : ' (SwiftShader)'}, far slower than WebGL on this machine`;
  }
  return null;
}

async function setBackendWithTimeout(name: BackendName): Promise<void> {
  if (name === 'wasm') prepareWasm();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not start within ${SET_BACKEND_TIMEOUT_MS / 1000} s`)), SET_BACKEND_TIMEOUT_MS);
  });
  try {
    const ok = await Promise.race([tf.setBackend(name), timeout]);
    if (!ok) throw new Error('it failed to initialise');
    await tf.ready();
  } finally {
    clearTimeout(timer);
  }
}

export interface BackendSelection {
  backend: BackendName;
  fallbacks: Fallback[];
}

export interface SelectOptions {
  preference: BackendPreference;
  /** tfjs kernel names the model needs to train. */
  kernels: string[];
  /** Trains one tiny batch on the active backend; throws when it cannot. */
  smokeTest: () => Promise<void>;
  /** Test hook: pretend these fail. */
  failBackends?: BackendName[];
}

/** Activates the first backend that works and says why others were passed over. */
export async function selectBackend(options: SelectOptions): Promise<BackendSelection> {
  const fallbacks: Fallback[] = [];
  for (const name of candidateOrder(options.preference)) {
    try {
      if (options.failBackends?.includes(name)) throw new Error('it was made to fail for a test');
      if (name === 'webgpu') {
        const obstacle = await webgpuObstacle(options.preference === 'webgpu');
        if (obstacle) throw new Error(obstacle);
      }
      await setBackendWithTimeout(name);
      const missing = options.kernels.filter((kernel) => !tf.getKernel(kernel, name));
      if (missing.length > 0) {
        throw new Error(`tfjs's ${name} backend lacks the ${missing.join(', ')} kernel${missing.length > 1 ? 's' : ''} this model needs to train`);
      }
      await options.smokeTest();
      return { backend: name, fallbacks };
    } catch (error) {
      fallbacks.push({ backend: name, reason: errorMessage(error) });
    }
  }
  throw new Error(`No tfjs backend could train this model: ${fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
}

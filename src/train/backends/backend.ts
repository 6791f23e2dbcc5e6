// Starting tfjs backends in the worker, and describing the device, so that a
// measured choice of backend can be remembered per device.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from '../../config/experiment';
import type { TestHooks } from '../protocol';
import { startWasm } from './wasmSetup';

/** The order auto measures in: cheapest to start first, so a Train press mid-measurement has a good choice at hand. */
export const MEASURE_ORDER: BackendName[] = ['fused', 'wasm', 'cpu', 'webgl', 'webgpu'];
const SET_BACKEND_TIMEOUT_MS = 15_000;

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string; device?: string };
}
interface NavigatorWithGpu {
  gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> };
}

/** What auto needs to know of the WebGPU adapter. */
interface AdapterFacts {
  fallback: boolean;
  name: string;
}

/**
 * Asked once per worker, and its facts read once: reading `adapter.info`
 * again while the page trained blocked this thread for 23 s here (a
 * synchronous call into a busy GPU process, on SwiftShader).
 */
let adapter: Promise<AdapterFacts | null> | null = null;
/** Auto waits this long for the adapter before passing WebGPU over; a run never waits for it. */
const ADAPTER_WAIT_MS = 1_500;

function gpuAdapter(): Promise<AdapterFacts | null> {
  const gpu = (globalThis.navigator as NavigatorWithGpu | undefined)?.gpu;
  if (!gpu) return Promise.resolve(null);
  adapter ??= gpu
    .requestAdapter()
    .then((found) =>
      found ? { fallback: found.info?.isFallbackAdapter ?? found.isFallbackAdapter ?? false, name: adapterName(found) } : null,
    )
    .catch(() => null);
  return adapter;
}

/** The adapter's facts, or 'slow' when it has not answered within `ms`. */
function adapterWithin(ms: number): Promise<AdapterFacts | null | 'slow'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), ms)));
  return Promise.race([gpuAdapter(), slow]).finally(() => clearTimeout(timer));
}

function adapterName(adapter: GpuAdapterLike): string {
  return adapter.info?.description || [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.device].filter(Boolean).join(' ');
}

/** Why WebGPU should not be used here, or null when it should be tried. */
async function webgpuObstacle(explicitlyChosen: boolean): Promise<string | null> {
  if (!(globalThis.navigator as NavigatorWithGpu | undefined)?.gpu) return 'this browser does not offer WebGPU (navigator.gpu is missing)';
  const adapter = explicitlyChosen ? await gpuAdapter() : await adapterWithin(ADAPTER_WAIT_MS);
  if (adapter === 'slow') return `the WebGPU adapter did not answer within ${ADAPTER_WAIT_MS / 1000} s, so it was not measured`;
  if (!adapter) return 'no WebGPU adapter is available (WebGPU may be disabled or blocklisted)';
  if (adapter.fallback && !explicitlyChosen) {
    const name = adapter.name;
    return `the WebGPU adapter is a software fallback${name ? ` (${name})` : ' (SwiftShader)'}: it runs on the CPU, slower than every other backend, so it is not measured`;
  }
  return null;
}

let renderer: string | null = null;

/** The WebGL renderer string (unmasked where the browser allows), or '' without WebGL; read once (a context costs a call into the GPU process). */
function webglRenderer(): string {
  renderer ??= readRenderer();
  return renderer;
}

function readRenderer(): string {
  try {
    if (typeof OffscreenCanvas === 'undefined') return '';
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return '';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return '';
  }
}

/** Renderer names of WebGL implementations that run on the CPU. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

/** Why auto should not measure WebGL here (a software renderer), or null. */
function webglObstacle(): string | null {
  const renderer = webglRenderer();
  if (!SOFTWARE_RENDERER.test(renderer)) return null;
  return `the WebGL renderer is software (${renderer.slice(0, 80)}): it runs on the CPU, slower than WASM and the CPU backend, so auto does not measure it (choose WebGL to use it anyway)`;
}

/**
 * The software adapter a GPU backend runs on here (SwiftShader, llvmpipe),
 * or null: a real GPU, a backend that is not a GPU's, or no answer within
 * ADAPTER_WAIT_MS. A table of CPU against GPU says it beside the figure.
 */
export async function softwareAdapter(backend: BackendName): Promise<string | null> {
  // Its short name ("SwiftShader"), not ANGLE's whole renderer string.
  const short = (name: string) => {
    const found = name.match(SOFTWARE_RENDERER)?.[0] ?? null;
    return found?.toLowerCase() === 'swiftshader' ? 'SwiftShader' : found;
  };
  if (backend === 'webgl') return short(webglRenderer());
  if (backend !== 'webgpu') return null;
  const found = await adapterWithin(ADAPTER_WAIT_MS);
  if (!found || found === 'slow') return null;
  return short(found.name) ?? (found.fallback ? found.name.slice(0, 40) || 'a fallback adapter' : null);
}

let device: Promise<string> | null = null;

/** What identifies this device's speed: the WebGPU adapter, the WebGL renderer, the core count. */
export function deviceKey(): Promise<string> {
  device ??= (async () => {
    // A slow adapter gives a key of its own (a cache miss), never a wait.
    const found = await adapterWithin(ADAPTER_WAIT_MS);
    const adapter = found === 'slow' ? null : found;
    const cores = globalThis.navigator?.hardwareConcurrency ?? 0;
    return JSON.stringify({
      webgpu: adapter ? adapter.name || 'adapter' : null,
      webgl: webglRenderer(),
      cores,
      isolated: Boolean(globalThis.crossOriginIsolated),
    });
  })();
  return device;
}

async function setBackendWithTimeout(name: Exclude<BackendName, 'fused'>): Promise<void> {
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

/**
 * Makes `name` tfjs's active backend (the fused engine keeps its tfjs copy
 * of the model on the CPU backend), or throws why it cannot be used.
 * `kernels`: tfjs kernels the model needs to train. `testHooks`: how WASM's
 * threads start in a test.
 */
export async function activateBackend(
  name: BackendName,
  kernels: string[],
  explicitlyChosen: boolean,
  testHooks?: TestHooks,
): Promise<void> {
  if (name === 'fused') {
    if (tf.getBackend() !== 'cpu') await setBackendWithTimeout('cpu');
    return;
  }
  if (name === 'webgpu') {
    const obstacle = await webgpuObstacle(explicitlyChosen);
    if (obstacle) throw new Error(obstacle);
  }
  if (name === 'webgl' && !explicitlyChosen) {
    const obstacle = webglObstacle();
    if (obstacle) throw new Error(obstacle);
  }
  if (tf.getBackend() !== name)
    await (name === 'wasm' ? startWasm(() => setBackendWithTimeout('wasm'), testHooks) : setBackendWithTimeout(name));
  const missing = kernels.filter((kernel) => !tf.getKernel(kernel, name));
  if (missing.length > 0) {
    throw new Error(
      `tfjs's ${name} backend lacks the ${missing.join(', ')} kernel${missing.length > 1 ? 's' : ''} this model needs to train`,
    );
  }
}

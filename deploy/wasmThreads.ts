// tfjs-backend-wasm 4.22 starts each WASM thread (a pthread worker) from a
// Blob of `wasmFactoryThreadedSimd.toString()`: the text of the threaded
// module's factory function, as bundled. Once a bundler has wrapped that
// CommonJS file and minified it, the function refers to names outside itself
// (the module's `_scriptDir`, the bundle's own helpers), so in a thread's
// worker it throws and the threads never start. This plugin puts the module's
// untouched script in that Blob instead, which defines the same global and
// needs nothing around it. It applies to the build (page and worker bundles)
// and to the dev server's pre-bundling alike.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const BACKEND_FILE = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const FACTORY_TEXT = /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\]/;

/** backend_wasm.js with its thread script taken from wasm-out/, or throws when tfjs changed that line. */
export function patchThreadScript(code: string, backendFile: string): string {
  if (!FACTORY_TEXT.test(code)) {
    throw new Error(
      `${backendFile}: the line that makes the WASM threads' script has changed; check deploy/wasmThreads.ts against this tfjs version`,
    );
  }
  const script = readFileSync(join(dirname(backendFile), '..', 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'), 'utf8');
  return code.replace(FACTORY_TEXT, () => `new Blob([${JSON.stringify(script)}]`);
}

/** The Vite (and Rolldown) plugin: rewrites tfjs-backend-wasm's backend_wasm.js as it is loaded. */
export function wasmThreads(): Plugin {
  return {
    name: 'tfjs-wasm-threads',
    transform(code, id) {
      const file = id.split('?')[0];
      if (!BACKEND_FILE.test(file)) return null;
      return { code: patchThreadScript(code, file), map: null };
    },
  };
}

// The build's patch that lets WASM's threads start from a bundled worker.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchThreadScript } from '../../deploy/wasmThreads';
import { wasmThreadTarget, threadsUnusedNote } from '../../src/config/wasmThreads';

const require = createRequire(import.meta.url);
const backendFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js');

describe('the WASM threads patch', () => {
  it("puts the threaded module's own script, not a bundled function's text, in the threads' Blob", () => {
    const original = readFileSync(backendFile, 'utf8');
    const patched = patchThreadScript(original, backendFile);
    expect(patched).not.toContain('wasmFactoryThreadedSimd.toString()');
    const blob = /new Blob\(\[("(?:[^"\\]|\\.)*")\]/.exec(patched);
    expect(blob).not.toBeNull();
    const script = JSON.parse(blob?.[1] ?? '""') as string;
    // The script a thread evaluates defines the global its worker calls, and stands alone.
    expect(script).toContain('var WasmBackendModuleThreadedSimd = (() => {');
    expect(script).toBe(readFileSync(backendFile.replace(/dist[\\/]backend_wasm\.js$/, 'wasm-out/tfjs-backend-wasm-threaded-simd.js'), 'utf8'));
    // The rest of the file is untouched.
    const at = blob?.index ?? 0;
    expect(patched.slice(0, at)).toBe(original.slice(0, at));
    expect(patched.slice(at + (blob?.[0].length ?? 0))).toBe(original.slice(original.indexOf('wasmFactoryThreadedSimd.toString()]') + 'wasmFactoryThreadedSimd.toString()]'.length));
  });

  it('fails the build, naming the file, when tfjs changed the line it patches', () => {
    expect(() => patchThreadScript('export const nothing = 1;', backendFile)).toThrow(/backend_wasm\.js: the line that makes the WASM threads' script has changed/);
  });
});

describe('how many threads WASM computes on', () => {
  it("follows tfjs's rule: half the logical cores, 1 to 8", () => {
    expect([1, 2, 3, 4, 6, 8, 16, 32].map(wasmThreadTarget)).toEqual([1, 1, 1, 2, 3, 4, 8, 8]);
  });

  it('says why there are none', () => {
    expect(threadsUnusedNote(false, 8)).toContain('not send the COOP and COEP headers');
    expect(threadsUnusedNote(true, 2)).toContain('this device has 2');
  });
});

// The build's patch that lets WASM's threads start from a bundled worker.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchThreadScript } from '../../deploy/wasmThreads';
import { wasmThreadsNote, wasmThreadTarget } from '../../src/config/wasmThreads';

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
    expect(script).toBe(
      readFileSync(backendFile.replace(/dist[\\/]backend_wasm\.js$/, 'wasm-out/tfjs-backend-wasm-threaded-simd.js'), 'utf8'),
    );
    // The rest of the file is untouched.
    const at = blob?.index ?? 0;
    expect(patched.slice(0, at)).toBe(original.slice(0, at));
    expect(patched.slice(at + (blob?.[0].length ?? 0))).toBe(
      original.slice(original.indexOf('wasmFactoryThreadedSimd.toString()]') + 'wasmFactoryThreadedSimd.toString()]'.length),
    );
  });

  it('fails the build, naming the file, when tfjs changed the line it patches', () => {
    expect(() => patchThreadScript('export const nothing = 1;', backendFile)).toThrow(
      /backend_wasm\.js: the line that makes the WASM threads' script has changed/,
    );
  });
});

describe('how many threads WASM computes on', () => {
  it("follows tfjs's rule: half the logical cores, 1 to 8", () => {
    expect([1, 2, 3, 4, 6, 8, 16, 32].map(wasmThreadTarget)).toEqual([1, 1, 1, 2, 3, 4, 8, 8]);
  });

  it('says how many and why, before and after WASM started', () => {
    const note = (isolated: boolean, cores: number, threads: number | null, failed: string | null = null) =>
      wasmThreadsNote({ isolated, cores, threads, failed });
    expect(note(true, 8, 4)).toBe('WebAssembly computes on 4 threads (this page is cross-origin isolated).');
    expect(note(true, 8, null)).toBe('WebAssembly will compute on 4 threads (this page is cross-origin isolated).');
    expect(note(false, 8, 1)).toContain('not send the COOP and COEP headers');
    expect(note(false, 8, null)).toContain('not send the COOP and COEP headers');
    expect(note(true, 2, 1)).toContain('this device has 2');
    expect(note(true, 2, null)).toContain('this device has 2');
    expect(note(true, 8, 1, 'a thread failed: no message')).toBe(
      'WebAssembly computes on one thread: its threads failed to start (a thread failed: no message).',
    );
  });
});

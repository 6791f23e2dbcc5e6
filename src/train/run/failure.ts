// What a person is told when a backend fails inside its own code: tfjs's
// WASM backend aborts with Emscripten's text ("Aborted(). Build with
// -sASSERTIONS …", "memory access out of bounds"), which says nothing a
// learner can act on, and leaves that WebAssembly instance broken.
import { errorMessage } from '../../lib/assert';

/** Messages of a backend's own code failing (out of memory, an abort), never shown as they are. */
const TOOLCHAIN =
  /Aborted\(|-sASSERTIONS|memory access out of bounds|RuntimeError|out of memory|Cannot allocate Wasm memory|WebAssembly\.Memory|OOM/i;

/** A failure in words, and whether the worker must be replaced (its WebAssembly or GPU state may be broken). */
export function describeFailure(error: unknown): { message: string; restart: boolean } {
  const raw = errorMessage(error);
  if (!TOOLCHAIN.test(raw)) return { message: raw, restart: false };
  return {
    message:
      'The backend ran out of memory (or its WebAssembly code stopped) while training this model. The training worker is restarted, so the next run starts clean; lower the batch size, use a smaller model, or pick another backend.',
    restart: true,
  };
}

/** The same, for a reason listed beside a backend that was passed over. */
export const plainReason = (error: unknown): string => describeFailure(error).message;

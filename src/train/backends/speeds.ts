// Measured speeds in words, and the fastest of them. Pure.
import { BACKEND_LABELS } from '../../config/experiment';
import type { BackendSpeed } from '../protocol';

/** A speed in words: "1,234 samples/s". */
export const rate = (n: number | null) => `${Math.round(n ?? 0).toLocaleString('en-US')} samples/s`;

/** The measured backends and their speeds, in one line: "WASM 9,653 samples/s, CPU 839 samples/s". */
export function speedList(speeds: BackendSpeed[]): string {
  return speeds
    .filter((s) => s.samplesPerSecond !== null)
    .map((s) => `${BACKEND_LABELS[s.backend]} ${rate(s.samplesPerSecond)}`)
    .join(', ');
}

/** The fastest measured speed, or null. */
export function fastest(speeds: BackendSpeed[]): BackendSpeed | null {
  return speeds
    .filter((s) => s.samplesPerSecond !== null)
    .reduce<BackendSpeed | null>((a, b) => (a === null || (b.samplesPerSecond ?? 0) > (a.samplesPerSecond ?? 0) ? b : a), null);
}

/** Why auto chose `best`, in words, from what was measured. */
export function explain(best: BackendSpeed, speeds: BackendSpeed[], when: string): string {
  const others = speeds.filter((s) => s.backend !== best.backend && s.samplesPerSecond !== null);
  const against = others.length ? `; ${speedList(others)}` : '';
  return `Auto chose ${BACKEND_LABELS[best.backend]}: the fastest for this model, ${rate(best.samplesPerSecond ?? 0)} counting each epoch's validation (${when}${against}).`;
}

import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * Returns `value`, but changes at most once per `intervalMs` (trailing edge
 * kept), so a chart re-renders a few times a second however fast points come.
 * `phase` places the updates on their own beat (multiples of the interval plus
 * the phase): charts given different phases redraw in different tasks, not all
 * in one long one.
 */
export function useThrottledValue<T>(value: T, intervalMs: number, phase = 0): T {
  const [shown, setShown] = useState(value);
  const lastUpdate = useRef(-Infinity);
  useEffect(() => {
    const now = performance.now();
    const earliest = Math.max(now, lastUpdate.current + intervalMs);
    const slot = phase === 0 ? earliest : Math.ceil((earliest - phase) / intervalMs) * intervalMs + phase;
    const timer = setTimeout(
      () => {
        lastUpdate.current = performance.now();
        startTransition(() => setShown(value));
      },
      Math.max(0, slot - now),
    );
    return () => clearTimeout(timer);
  }, [value, intervalMs, phase]);
  return shown;
}

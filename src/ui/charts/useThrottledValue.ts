import { useEffect, useRef, useState } from 'react';

/**
 * Returns `value`, but changes at most once per `intervalMs` (trailing edge
 * kept), so a chart re-renders a few times a second however fast points come.
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastUpdate = useRef(0);
  useEffect(() => {
    const wait = lastUpdate.current + intervalMs - performance.now();
    const timer = setTimeout(
      () => {
        lastUpdate.current = performance.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}

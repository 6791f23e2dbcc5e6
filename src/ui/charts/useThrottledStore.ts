import { startTransition, useEffect, useRef, useState } from 'react';
import { useAppStore, type AppState } from '../../state/store';

/**
 * A store value that reaches the component at most once per `intervalMs`
 * (trailing edge kept). Unlike useThrottledValue(useAppStore(selector)), the
 * component does not render at all in between: a tiny net ends hundreds of
 * epochs a second, and a chart that re-rendered its whole SVG tree every
 * frame (even with the same data) made long main-thread tasks. `phase`
 * places the updates on their own beat, so charts redraw in different tasks.
 * `selector` must be stable (a module-level function).
 */
export function useThrottledStore<T>(selector: (state: AppState) => T, intervalMs: number, phase = 0): T {
  const [shown, setShown] = useState(() => selector(useAppStore.getState()));
  // What was last shown, for the check after subscribing (written only when shown).
  const shownRef = useRef(shown);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = -Infinity;
    const show = () => {
      timer = null;
      last = performance.now();
      const value = selector(useAppStore.getState());
      shownRef.current = value;
      // A transition: React renders it in slices between frames, so a
      // chart's redraw never holds the main thread for one long task.
      startTransition(() => setShown(() => value));
    };
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      if (timer !== null || selector(state) === selector(previous)) return;
      const now = performance.now();
      const earliest = Math.max(now, last + intervalMs);
      const slot = phase === 0 ? earliest : Math.ceil((earliest - phase) / intervalMs) * intervalMs + phase;
      timer = setTimeout(show, Math.max(0, slot - now));
    });
    // A change between the render and this subscription is shown at once.
    if (selector(useAppStore.getState()) !== shownRef.current) timer = setTimeout(show, 0);
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [selector, intervalMs, phase]);
  return shown;
}

import type { ReactNode } from 'react';

/** A line over an empty chart's plot area, saying what will appear there. */
export function EmptyChartNote({ children }: { children: ReactNode }) {
  return (
    <p className="chart-empty" aria-hidden="true">
      {children}
    </p>
  );
}

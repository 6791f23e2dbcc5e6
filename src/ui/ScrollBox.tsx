import type { ReactNode } from 'react';

/** A horizontally scrollable box that keyboard users can focus and scroll. */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

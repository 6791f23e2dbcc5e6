/** One series of a chart: its name, colour, and whether its line is dashed. */
export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
}

/**
 * A static legend under a chart. Recharts' own Legend measures itself with
 * getBoundingClientRect on every update (a forced layout of the whole page),
 * which cost most of each redraw while a tiny net trained hundreds of
 * epochs a second; this one is plain HTML and costs nothing to keep.
 */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.label}>
          <svg width="18" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="18" y2="4" stroke={item.color} strokeWidth="2" strokeDasharray={item.dashed ? '5 3' : undefined} />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

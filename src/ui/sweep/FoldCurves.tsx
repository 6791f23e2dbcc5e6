import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SweepRow } from '../../sweep/results';
import { useAppStore } from '../../state/store';
import { CHART_MARGIN, chartHeight } from '../charts/limits';
import { ChartLegend } from '../charts/ChartLegend';
import { VALIDATION_COLORS, TRAIN_COLORS } from '../tokens';

const COLORS = [...VALIDATION_COLORS, ...TRAIN_COLORS];

/** A k-fold sweep's validation curves, one per fold, overlaid (of the first value, or of `valueIndex`). */
export function FoldCurves({ rows, task, valueIndex }: { rows: SweepRow[]; task: 'classification' | 'regression'; valueIndex: number }) {
  const classroom = useAppStore((state) => state.config.classroom);
  const folds = rows.filter((row) => row.valueIndex === valueIndex && row.fold !== undefined && row.curve && row.curve.length > 0);
  if (folds.length === 0) return null;
  const byEpoch = new Map<number, Record<string, number>>();
  for (const row of folds)
    for (const point of row.curve!) {
      const entry = byEpoch.get(point.epoch) ?? { epoch: point.epoch };
      entry[`fold-${row.fold}`] = point.value;
      byEpoch.set(point.epoch, entry);
    }
  const data = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  const score = task === 'classification' ? 'validation accuracy' : 'validation loss';
  return (
    <figure className="chart" data-testid="fold-curves" aria-label={`${score} per epoch of each fold`}>
      <figcaption>
        {score} per epoch, one curve per fold ({folds[0].label})
      </figcaption>
      <ResponsiveContainer width="100%" height={chartHeight(classroom)}>
        <LineChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
          <YAxis width={56} domain={['auto', 'auto']} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? value.toFixed(3) : String(value))} />
          {folds.map((row, i) => (
            <Line
              key={row.member}
              dataKey={`fold-${row.fold}`}
              name={`fold ${row.fold}`}
              stroke={COLORS[i % COLORS.length]}
              strokeDasharray={i >= COLORS.length ? '5 3' : undefined}
              dot={data.length <= 30}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <ChartLegend
        items={folds.map((row, i) => ({ label: `fold ${row.fold}`, color: COLORS[i % COLORS.length], dashed: i >= COLORS.length }))}
      />
    </figure>
  );
}

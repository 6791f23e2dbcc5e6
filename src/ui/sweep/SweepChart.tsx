import { CartesianGrid, ComposedChart, ErrorBar, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { LOG_KNOBS, NAMED_KNOBS, type Knob } from '../../sweep/plan';
import { groupRows } from '../../sweep/reading';
import { summarise, type SweepColumn, type SweepRow } from '../../sweep/results';
import { useAppStore } from '../../state/store';
import { CHART_MARGIN, chartHeight } from '../charts/limits';
import { ACCURACY_COLOR } from '../tokens';

interface Props {
  knob: Knob;
  values: (number | string)[];
  rows: SweepRow[];
  column: SweepColumn;
}

/** The chosen column against the knob: the mean per value, with the seeds' spread as error bars (a log axis for rates and sizes). */
export function SweepChart({ knob, values, rows, column }: Props) {
  const classroom = useAppStore((state) => state.config.classroom);
  const named = NAMED_KNOBS.includes(knob);
  const log = LOG_KNOBS.includes(knob) && values.every((v) => Number(v) > 0);
  const data = groupRows(rows)
    .map((group) => {
      const stats = summarise(group.rows.map((row) => column.read(row) ?? Number.NaN));
      const value = values[group.rows[0].valueIndex];
      return stats ? { x: named ? group.label : Number(value), label: group.label, mean: stats.mean, spread: stats.sd } : null;
    })
    .filter((point) => point !== null);
  if (data.length === 0) return <p className="hint">The chart appears when the first run ends.</p>;
  return (
    <figure className="chart sweep-chart" data-testid="sweep-chart" aria-label={`${column.label} against ${knob}`}>
      <ResponsiveContainer width="100%" height={chartHeight(classroom)}>
        <ComposedChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          {named ? (
            <XAxis dataKey="x" type="category" />
          ) : (
            <XAxis
              dataKey="x"
              type="number"
              scale={log ? 'log' : 'linear'}
              domain={['auto', 'auto']}
              allowDataOverflow={false}
              tickFormatter={(v: number) => String(Number(v.toPrecision(3)))}
            />
          )}
          <YAxis width={56} domain={['auto', 'auto']} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? value.toFixed(3) : String(value))}
            labelFormatter={(_, payload) => String(payload?.[0]?.payload?.label ?? '')}
          />
          {named ? (
            <Scatter dataKey="mean" name={column.label} fill={ACCURACY_COLOR} isAnimationActive={false}>
              <ErrorBar dataKey="spread" width={6} stroke={ACCURACY_COLOR} />
            </Scatter>
          ) : (
            <Line dataKey="mean" name={column.label} stroke={ACCURACY_COLOR} strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false}>
              <ErrorBar dataKey="spread" width={6} stroke={ACCURACY_COLOR} />
            </Line>
          )}
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption>
        {column.label} by {knob === 'trainFraction' ? 'training-set share' : knob}
        {log ? ' (log axis)' : ''}
        {rows.some((r) => r.fold !== undefined)
          ? '; bars: spread over the folds (±1 sd)'
          : rows.some((r) => r.seed !== rows[0].seed)
            ? '; bars: spread over seeds (±1 sd)'
            : ''}
      </figcaption>
    </figure>
  );
}

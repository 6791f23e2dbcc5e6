import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FittingPoint } from '../../sweep/reading';
import { useAppStore } from '../../state/store';
import { CHART_MARGIN, chartHeight } from '../charts/limits';
import { ChartLegend } from '../charts/ChartLegend';
import { cssVar, TRAIN_COLORS, VALIDATION_COLORS } from '../tokens';

const SWEET_LABEL = { value: 'sweet spot', position: 'insideTop', fontSize: 11 } as const;

/** The fitting curve: training and validation error against model capacity, the sweet spot marked. */
export function FittingChart({ points, task, log }: { points: FittingPoint[]; task: 'classification' | 'regression'; log: boolean }) {
  const classroom = useAppStore((state) => state.config.classroom);
  if (points.length < 2) return null;
  const error = task === 'classification' ? 'error' : 'MSE';
  const sweet = points.reduce((a, b) => (b.validation < a.validation ? b : a));
  return (
    <figure className="chart" data-testid="fitting-chart" aria-label={`training and validation ${error} against model size`}>
      <figcaption>
        The fitting curve: training and validation {error} against model size{log ? ' (log axis)' : ''}
      </figcaption>
      <ResponsiveContainer width="100%" height={chartHeight(classroom)}>
        <LineChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="value"
            type="number"
            scale={log ? 'log' : 'linear'}
            domain={['dataMin', 'dataMax']}
            ticks={points.map((p) => p.value)}
            interval={0}
            // Room for the first and last labels ("0 (logistic)", "4 hidden") inside the chart.
            padding={{ left: 36, right: 36 }}
            tickFormatter={(v: number) =>
              (points.find((p) => p.value === v)?.label ?? String(v)).replace(' (logistic regression)', ' (logistic)')
            }
          />
          <YAxis width={56} domain={[0, 'auto']} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? value.toFixed(3) : String(value))} />
          <Line dataKey="train" name={`training ${error}`} stroke={TRAIN_COLORS[0]} strokeWidth={2} isAnimationActive={false} />
          <Line
            dataKey="validation"
            name={`validation ${error}`}
            stroke={VALIDATION_COLORS[0]}
            strokeWidth={2}
            strokeDasharray="5 3"
            isAnimationActive={false}
          />
          <ReferenceLine x={sweet.value} stroke={cssVar('reference')} strokeDasharray="2 2" label={SWEET_LABEL} />
        </LineChart>
      </ResponsiveContainer>
      <ChartLegend
        items={[
          { label: `training ${error}`, color: TRAIN_COLORS[0] },
          { label: `validation ${error}`, color: VALIDATION_COLORS[0], dashed: true },
        ]}
      />
    </figure>
  );
}

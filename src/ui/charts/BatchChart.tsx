import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downsample } from '../../metrics/downsample';
import { useAppStore } from '../../state/store';
import { selectBatches, selectLearningRateChanges } from '../selectors';
import { useTask } from '../model/useTask';
import { ChartLegend } from './ChartLegend';
import { cssVar, ACCURACY_COLOR, LOSS_COLOR } from '../tokens';
import { CHART_MARGIN, chartHeight, CHART_REDRAW_MS, DOMAIN_DATA, DOMAIN_UNIT, EMPTY_BATCH_ROWS, evenly, MAX_CHART_POINTS } from './limits';
import { EmptyChartNote } from './EmptyChartNote';
import { rateAt } from '../../config/schedule';
import { useThrottledStore } from './useThrottledStore';

/** Loss (and for classification accuracy) of every batch, downsampled, against the global step. */
export function BatchChart() {
  const classroom = useAppStore((state) => state.config.classroom);
  const classification = useTask() === 'classification';
  const batches = useThrottledStore(selectBatches, CHART_REDRAW_MS, 1);
  const learningRateChanges = useAppStore(selectLearningRateChanges);
  const runConfig = useAppStore((state) => state.run.config);
  const stepsPerEpoch = useAppStore((state) => state.run.sizes.stepsPerEpoch);
  const scheduled = runConfig !== null && runConfig.schedule !== 'constant' && stepsPerEpoch > 0;
  const data = useMemo(() => {
    const rows = downsample(evenly(batches, 8 * MAX_CHART_POINTS), MAX_CHART_POINTS, 'step', ['loss', 'accuracy']);
    if (!scheduled) return rows;
    // The schedule's rate at each drawn step, from the base in force there (a live change moves it).
    return rows.map((row) => {
      const base = learningRateChanges.filter((c) => c.step <= row.step).at(-1)?.learningRate ?? runConfig.learningRate;
      return { ...row, rate: rateAt(runConfig, base, row.step, stepsPerEpoch, runConfig.epochs * stepsPerEpoch) };
    });
  }, [batches, scheduled, runConfig, stepsPerEpoch, learningRateChanges]);
  const last = batches[batches.length - 1];
  const empty = data.length === 0;
  return (
    <figure className="chart" data-testid="batch-chart">
      <ul className="sr-only" data-testid="lr-markers">
        {learningRateChanges.map((c) => (
          <li key={c.step} data-step={c.step}>
            learning rate {c.learningRate} from step {c.step}
          </li>
        ))}
      </ul>
      <figcaption>{classification ? 'Per batch: loss and accuracy' : 'Per batch: mean squared error'}</figcaption>
      <p className="sr-only">
        {last
          ? `After step ${last.step}, batch ${classification ? 'loss' : 'MSE'} ${last.loss.toFixed(3)}${last.accuracy === undefined ? '' : ` and accuracy ${last.accuracy.toFixed(3)}`}.`
          : 'No batches yet.'}
        {learningRateChanges.map((c) => ` Learning rate set to ${c.learningRate} at step ${c.step}.`).join('')}
      </p>
      <ResponsiveContainer width="100%" height={chartHeight(classroom)}>
        <LineChart data={empty ? EMPTY_BATCH_ROWS : (data as readonly object[])} margin={CHART_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={DOMAIN_DATA} allowDecimals={false} interval={0} />
          <YAxis yAxisId="loss" interval={0} domain={empty ? DOMAIN_UNIT : undefined} />
          {classification && <YAxis yAxisId="accuracy" orientation="right" domain={DOMAIN_UNIT} interval={0} />}
          {scheduled && <YAxis yAxisId="rate" hide domain={[0, 'dataMax']} />}
          <Tooltip />
          <Line
            yAxisId="loss"
            dataKey="loss"
            name={classification ? 'loss' : 'MSE'}
            stroke={LOSS_COLOR}
            dot={false}
            isAnimationActive={false}
          />
          {classification && (
            <Line yAxisId="accuracy" dataKey="accuracy" name="accuracy" stroke={ACCURACY_COLOR} dot={false} isAnimationActive={false} />
          )}
          {scheduled && (
            <Line
              yAxisId="rate"
              dataKey="rate"
              name="learning rate (schedule)"
              stroke={cssVar('marker')}
              strokeDasharray="4 2"
              dot={false}
              isAnimationActive={false}
            />
          )}
          {learningRateChanges.map((change) => (
            <ReferenceLine
              key={change.step}
              yAxisId="loss"
              x={change.step}
              stroke={cssVar('marker')}
              strokeDasharray="4 2"
              label={{ value: `lr ${change.learningRate}`, position: 'insideTopLeft', fontSize: 11 }}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      {empty && <EmptyChartNote>Train to see every batch here.</EmptyChartNote>}
      <ChartLegend
        items={
          classification
            ? [
                { label: 'loss', color: LOSS_COLOR },
                { label: 'accuracy', color: ACCURACY_COLOR },
                ...(scheduled ? [{ label: 'learning rate (schedule, own scale)', color: cssVar('marker') }] : []),
              ]
            : [
                { label: 'MSE', color: LOSS_COLOR },
                ...(scheduled ? [{ label: 'learning rate (schedule, own scale)', color: cssVar('marker') }] : []),
              ]
        }
      />
    </figure>
  );
}

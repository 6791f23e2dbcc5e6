import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bestEpoch, isMemorising, MEMORISING_EPOCHS } from '../../metrics/overfitting';
import { perClassScores } from '../../metrics/classification';
import { majorityBaseline } from '../../data/imbalance';
import { useDatasetInfo } from '../model/useDatasetInfo';
import type { SplitScores } from '../../metrics/types';
import { downsample } from '../../metrics/downsample';
import { useAppStore } from '../../state/store';
import { selectEpochs } from '../selectors';
import { ChartLegend } from './ChartLegend';
import { cssVar, TRAIN_COLORS, VALIDATION_COLORS } from '../tokens';
import {
  CHART_MARGIN,
  chartHeight,
  CHART_REDRAW_MS,
  DOMAIN_AUTO,
  DOMAIN_EPOCHS,
  DOMAIN_UNIT,
  EMPTY_EPOCH_ROWS,
  evenly,
  MAX_CHART_POINTS,
} from './limits';
import { EmptyChartNote } from './EmptyChartNote';
import { useThrottledStore } from './useThrottledStore';

type ScoreKey = keyof SplitScores;

const NAMES: Record<ScoreKey, string> = {
  loss: 'loss',
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  f1: 'F1 (macro)',
  mae: 'MAE',
  r2: 'R²',
};
const fixed = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(3));

interface Props {
  title: string;
  scores: ScoreKey[];
  unitInterval?: boolean;
  /** The overfitting view: shade the train-validation gap, mark the best epoch, say when the model memorises. */
  markBest?: boolean;
}

/** Training vs validation per epoch for the given scores (e.g. accuracy and F1). */
export function EpochChart({ title, scores, unitInterval, markBest }: Props) {
  const classroom = useAppStore((state) => state.config.classroom);
  // A tiny net on the fused engine ends hundreds of epochs a second: redraw a
  // few times a second, from at most MAX_CHART_POINTS rows.
  // Each chart redraws on its own beat (see useThrottledStore): never two in one task.
  const epochs = useThrottledStore(selectEpochs, CHART_REDRAW_MS, markBest ? CHART_REDRAW_MS / 3 : (2 * CHART_REDRAW_MS) / 3);
  const restoredEpoch = useAppStore((state) => state.run.restoredEpoch);
  const best = markBest ? bestEpoch(epochs) : null;
  const bestAtStart = best !== null && best.epoch === epochs[0]?.epoch;
  const bestRestored = best !== null && restoredEpoch === best.epoch;
  const bestLabel = useMemo(
    () =>
      ({
        value: bestRestored ? 'best (restored)' : 'best val loss',
        position: bestAtStart ? 'insideTopLeft' : 'insideTopRight',
        fontSize: 11,
      }) as const,
    [bestRestored, bestAtStart],
  );
  // An earlier run drawn faintly underneath (the overfitting demo's run before its cure).
  const before = useAppStore((state) => state.demo.before);
  // Class imbalance: the knob's class's own validation F1 beside macro F1, and the majority-class baseline.
  const imbalance = useImbalanceView(scores.includes('accuracy'));
  const data = useMemo(() => {
    const byEpoch = new Map<number, Record<string, number | undefined>>();
    const rowAt = (epoch: number) => {
      let row = byEpoch.get(epoch);
      if (!row) byEpoch.set(epoch, (row = { epoch }));
      return row;
    };
    for (const point of evenly(epochs, 4 * MAX_CHART_POINTS)) {
      const row = rowAt(point.epoch);
      for (const key of scores) {
        row[`train-${key}`] = point.train[key];
        row[`validation-${key}`] = point.validation[key];
      }
      if (imbalance && point.confusion) row['validation-class-f1'] = perClassScores(point.confusion)[imbalance.classIndex]?.f1;
      row.gapLow = Math.min(point.train.loss, point.validation.loss);
      row.gapHigh = Math.max(point.train.loss, point.validation.loss);
    }
    for (const point of before ? evenly(before.epochs, 4 * MAX_CHART_POINTS) : []) {
      const row = rowAt(point.epoch);
      row[`before-train`] = point.train[scores[0]];
      row[`before-validation`] = point.validation[scores[0]];
    }
    const rows = [...byEpoch.values()].sort((a, b) => (a.epoch ?? 0) - (b.epoch ?? 0));
    const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => key !== 'epoch');
    return downsample(rows, MAX_CHART_POINTS, 'epoch', keys);
  }, [epochs, scores, before, imbalance]);
  const empty = data.length === 0;
  // A dot per epoch helps read a short run; hundreds of SVG dots cost most of each redraw.
  const dots = !empty && data.length <= MAX_DOTS;
  const first = epochs[0];
  const last = epochs[epochs.length - 1];
  const summary = last
    ? `After epoch ${last.epoch}: ` +
      scores.map((key) => `training ${NAMES[key]} ${fixed(last.train[key])}, validation ${fixed(last.validation[key])}`).join('; ') +
      (last.epoch > first.epoch
        ? `. At epoch ${first.epoch}: ` +
          scores.map((key) => `training ${NAMES[key]} ${fixed(first.train[key])}, validation ${fixed(first.validation[key])}`).join('; ')
        : '') +
      '.'
    : 'No epoch has finished yet.';
  const bestText = best ? ` Lowest validation loss ${best.validation.loss.toFixed(3)} at epoch ${best.epoch}.` : '';
  const memorising = markBest && isMemorising(epochs);
  const earlyStopped = useAppStore((state) => state.run.earlyStopped);
  return (
    <figure className="chart" data-testid={markBest ? 'loss-chart' : undefined}>
      <figcaption>{title}</figcaption>
      <p className="sr-only">
        {summary}
        {bestText}
      </p>
      <ResponsiveContainer width="100%" height={chartHeight(classroom)}>
        <ComposedChart data={empty ? EMPTY_EPOCH_ROWS : (data as readonly object[])} margin={CHART_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={DOMAIN_EPOCHS} allowDecimals={false} interval={0} />
          <YAxis domain={unitInterval || empty ? DOMAIN_UNIT : DOMAIN_AUTO} interval={0} />
          <Tooltip />
          {markBest && (
            <Area
              dataKey={GAP_RANGE}
              name="gap (training vs validation)"
              fill={cssVar('gap')}
              fillOpacity={0.15}
              stroke="none"
              isAnimationActive={false}
              className="gap-area"
            />
          )}
          {before &&
            before.epochs.length > 0 && [
              <Line
                key="before-t"
                dataKey="before-train"
                name={`training ${NAMES[scores[0]]}, ${before.label}`}
                stroke={BEFORE_COLOR}
                strokeWidth={1}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />,
              <Line
                key="before-v"
                dataKey="before-validation"
                name={`validation ${NAMES[scores[0]]}, ${before.label}`}
                stroke={BEFORE_COLOR}
                strokeWidth={2}
                strokeDasharray="5 3"
                dot={false}
                isAnimationActive={false}
                connectNulls
              />,
            ]}
          {scores.flatMap((key, i) => [
            <Line
              key={`t-${key}`}
              dataKey={`train-${key}`}
              name={`training ${NAMES[key]}`}
              stroke={TRAIN_COLORS[i]}
              dot={dots}
              isAnimationActive={false}
            />,
            <Line
              key={`v-${key}`}
              dataKey={`validation-${key}`}
              name={`validation ${NAMES[key]}`}
              stroke={VALIDATION_COLORS[i]}
              strokeDasharray="5 3"
              dot={dots}
              isAnimationActive={false}
            />,
          ])}
          {imbalance && (
            <Line
              dataKey="validation-class-f1"
              name={`validation F1 of ${imbalance.className}`}
              stroke={CLASS_F1_COLOR}
              strokeDasharray="2 2"
              dot={dots}
              isAnimationActive={false}
              connectNulls
            />
          )}
          {imbalance?.baseline !== undefined && (
            <ReferenceLine
              y={imbalance.baseline.accuracy}
              stroke={cssVar('reference')}
              strokeDasharray="1 3"
              label={{ value: `always “${imbalance.baseline.name}”`, position: 'insideBottomRight', fontSize: 11 }}
            />
          )}
          {best && (
            <ReferenceLine
              x={best.epoch}
              stroke={cssVar('reference')}
              strokeDasharray="2 2"
              // At the first epoch the label must run rightwards, or the axis clips it.
              label={bestLabel}
            />
          )}
          {markBest && earlyStopped && last && (
            // The last epoch is at the right edge: the label runs leftwards, below the best-epoch label.
            <ReferenceLine x={last.epoch} stroke={cssVar('marker')} strokeDasharray="4 2" label={EARLY_STOP_LABEL} />
          )}
        </ComposedChart>
      </ResponsiveContainer>
      {empty && <EmptyChartNote>Train to see each epoch here.</EmptyChartNote>}
      <ChartLegend
        items={[
          ...scores.flatMap((key, i) => [
            { label: `training ${NAMES[key]}`, color: TRAIN_COLORS[i] },
            { label: `validation ${NAMES[key]}`, color: VALIDATION_COLORS[i], dashed: true },
          ]),
          ...(markBest ? [{ label: 'gap (training vs validation)', color: cssVar('gap') }] : []),
          ...(imbalance ? [{ label: `validation F1 of ${imbalance.className}`, color: CLASS_F1_COLOR, dashed: true }] : []),
          ...(imbalance?.baseline ? [{ label: 'majority-class baseline (dotted)', color: cssVar('reference'), dashed: true }] : []),
          ...(before && before.epochs.length > 0
            ? [{ label: `${NAMES[scores[0]]} ${before.label} (grey)`, color: BEFORE_COLOR, dashed: true }]
            : []),
        ]}
      />
      {memorising && (
        <p className="note" role="status" data-testid="memorising-note">
          Validation loss has stayed above its best for {MEMORISING_EPOCHS} epochs and is now clearly higher, while training loss keeps
          falling: the model has started to memorise the training set. {best && `Its best validation loss was at epoch ${best.epoch}.`}
        </p>
      )}
    </figure>
  );
}

const MAX_DOTS = 40;
const CLASS_F1_COLOR = cssVar('marker');

/** What the accuracy chart adds for a run with the imbalance knob on: the knob's class, and the majority baseline. */
function useImbalanceView(accuracyChart: boolean) {
  const runConfig = useAppStore((state) => state.run.config);
  const counts = useAppStore((state) => state.run.sizes.classCounts);
  const classes = useDatasetInfo().info?.classes ?? null;
  return useMemo(() => {
    if (!accuracyChart || !runConfig || runConfig.imbalance === 'off' || !counts) return null;
    const name = (k: number) => classes?.[k] ?? `class ${k}`;
    const majority = majorityBaseline(counts.validation);
    return {
      classIndex: runConfig.imbalanceClass,
      className: name(runConfig.imbalanceClass),
      baseline: { accuracy: majority.accuracy, name: name(majority.classIndex) },
    };
  }, [accuracyChart, runConfig, counts, classes]);
}
/** The earlier run's lines: grey, under the live ones. */
const BEFORE_COLOR = cssVar('before');
const EARLY_STOP_LABEL = { value: 'early stop', position: 'insideBottomRight', fontSize: 11 } as const;
/** One function for every render: recharts recomputes a series whose dataKey changes identity. */
const GAP_RANGE = (row: Record<string, number>) => [row.gapLow, row.gapHigh];

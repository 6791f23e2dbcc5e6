import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochPoint, SplitScores } from '../../metrics/types';
import { useAppStore } from '../../state/store';
import { selectEpochs } from '../selectors';

type ScoreKey = keyof SplitScores;

export const SCORE_NAMES: Record<ScoreKey, string> = { loss: 'loss', accuracy: 'accuracy', precision: 'precision', recall: 'recall', f1: 'F1 (macro)', mae: 'MAE', r2: 'R²' };
const NAMES = SCORE_NAMES;
const fixed = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(3));

/** The epoch with the lowest validation loss, or null before the first. */
function bestEpoch(epochs: EpochPoint[]): EpochPoint | null {
  let best: EpochPoint | null = null;
  for (const point of epochs) if (best === null || point.validation.loss < best.validation.loss) best = point;
  return best;
}

interface Props {
  title: string;
  scores: ScoreKey[];
  unitInterval?: boolean;
  /** Mark the epoch with the lowest validation loss. */
  markBest?: boolean;
}

/** Training vs validation per epoch for the given scores (e.g. accuracy and F1). */
export function EpochChart({ title, scores, unitInterval, markBest }: Props) {
  const epochs = useAppStore(selectEpochs);
  const restoredEpoch = useAppStore((state) => state.run.restoredEpoch);
  const best = markBest ? bestEpoch(epochs) : null;
  const data = useMemo(
    () =>
      epochs.map((point) => {
        const row: Record<string, number | undefined> = { epoch: point.epoch };
        for (const key of scores) {
          row[`train-${key}`] = point.train[key];
          row[`validation-${key}`] = point.validation[key];
        }
        return row;
      }),
    [epochs, scores],
  );
  const first = epochs[0];
  const last = epochs[epochs.length - 1];
  const summary = last
    ? `After epoch ${last.epoch}: ` +
      scores.map((key) => `training ${NAMES[key]} ${fixed(last.train[key])}, validation ${fixed(last.validation[key])}`).join('; ') +
      (last.epoch > first.epoch ? `. At epoch ${first.epoch}: ` + scores.map((key) => `training ${NAMES[key]} ${fixed(first.train[key])}, validation ${fixed(first.validation[key])}`).join('; ') : '') +
      '.'
    : 'No epoch has finished yet.';
  const bestText = best ? ` Lowest validation loss ${best.validation.loss.toFixed(3)} at epoch ${best.epoch}.` : '';
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <p className="sr-only">
        {summary}
        {bestText}
      </p>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} />
          <YAxis domain={unitInterval ? [0, 1] : ['auto', 'auto']} />
          <Tooltip />
          <Legend />
          {scores.flatMap((key, i) => [
            <Line key={`t-${key}`} dataKey={`train-${key}`} name={`training ${NAMES[key]}`} stroke={TRAIN_COLORS[i]} isAnimationActive={false} />,
            <Line
              key={`v-${key}`}
              dataKey={`validation-${key}`}
              name={`validation ${NAMES[key]}`}
              stroke={VALIDATION_COLORS[i]}
              strokeDasharray="5 3"
              isAnimationActive={false}
            />,
          ])}
          {best && (
            <ReferenceLine
              x={best.epoch}
              stroke="#495057"
              strokeDasharray="2 2"
              label={{ value: restoredEpoch === best.epoch ? 'best (restored)' : 'best val loss', position: 'insideTopRight', fontSize: 11 }}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

const TRAIN_COLORS = ['#1c7ed6', '#2f9e44', '#ae3ec9'];
const VALIDATION_COLORS = ['#e8590c', '#c2255c', '#f08c00'];

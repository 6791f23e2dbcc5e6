import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SplitScores } from '../../metrics/types';
import { useAppStore } from '../../state/store';
import { selectEpochs } from '../selectors';

type ScoreKey = keyof SplitScores;

const NAMES: Record<ScoreKey, string> = { loss: 'loss', accuracy: 'accuracy', precision: 'precision', recall: 'recall', f1: 'F1 (macro)' };

/** Training vs validation per epoch for the given scores (e.g. accuracy and F1). */
export function EpochChart({ title, scores, unitInterval }: { title: string; scores: ScoreKey[]; unitInterval?: boolean }) {
  const epochs = useAppStore(selectEpochs);
  const data = useMemo(
    () =>
      epochs.map((point) => {
        const row: Record<string, number> = { epoch: point.epoch };
        for (const key of scores) {
          row[`train-${key}`] = point.train[key];
          row[`validation-${key}`] = point.validation[key];
        }
        return row;
      }),
    [epochs, scores],
  );
  const last = epochs[epochs.length - 1];
  const summary = last
    ? `After epoch ${last.epoch}: ` + scores.map((key) => `training ${NAMES[key]} ${last.train[key].toFixed(3)}, validation ${last.validation[key].toFixed(3)}`).join('; ')
    : 'No epoch has finished yet.';
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <p className="sr-only">{summary}</p>
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
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

const TRAIN_COLORS = ['#1c7ed6', '#2f9e44', '#ae3ec9'];
const VALIDATION_COLORS = ['#e8590c', '#c2255c', '#f08c00'];

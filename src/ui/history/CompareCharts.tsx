import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { comparisonLabels, type RunRecord } from '../../history/record';
import type { SplitScores } from '../../metrics/types';
import { useAppStore } from '../../state/store';
import { selectHistory } from '../selectors';
import { TRAIN_COLORS, VALIDATION_COLORS } from '../tokens';

const COLORS = [TRAIN_COLORS[0], VALIDATION_COLORS[0], TRAIN_COLORS[1], TRAIN_COLORS[2], VALIDATION_COLORS[1], VALIDATION_COLORS[2]];

/** One chart row per epoch, with a column per run: `run-<i>`. */
function rows(records: RunRecord[], split: 'train' | 'validation', score: keyof SplitScores) {
  const longest = Math.max(0, ...records.map((r) => r.epochs.length));
  return Array.from({ length: longest }, (_, e) => {
    const row: Record<string, number | undefined> = { epoch: e + 1 };
    records.forEach((record, i) => {
      const point = record.epochs[e];
      if (point) row[`run-${i}`] = point[split][score];
    });
    return row;
  });
}

function Overlay({
  title,
  records,
  labels,
  split,
  score,
}: {
  title: string;
  records: RunRecord[];
  labels: string[];
  split: 'train' | 'validation';
  score: keyof SplitScores;
}) {
  const data = useMemo(() => rows(records, split, score), [records, split, score]);
  const summary = records
    .map(
      (record, i) =>
        `${labels[i]}: ${record.epochs.length > 0 ? (record.epochs[record.epochs.length - 1][split][score]?.toFixed(3) ?? '—') : 'no epoch'}`,
    )
    .join('; ');
  return (
    <figure className="chart" data-testid={`compare-${split}-${score}`}>
      <figcaption>{title}</figcaption>
      <p className="sr-only">{`Final ${split} ${score} per run. ${summary}`}</p>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} />
          <YAxis domain={score === 'accuracy' ? [0, 1] : ['auto', 'auto']} />
          <Tooltip />
          <Legend />
          {records.map((record, i) => (
            <Line
              key={record.id}
              dataKey={`run-${i}`}
              name={labels[i]}
              stroke={COLORS[i % COLORS.length]}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The ticked runs' curves on shared charts, each named by what sets it apart from the oldest. */
export function CompareCharts() {
  const history = useAppStore(selectHistory);
  const records = useMemo(
    // The oldest ticked run is the baseline; the later ones say what they changed.
    () =>
      history.compared
        .map((id) => history.runs.find((r) => r.id === id))
        .filter((r): r is RunRecord => r !== undefined)
        .sort((a, b) => a.id - b.id),
    [history.compared, history.runs],
  );
  const labels = useMemo(() => comparisonLabels(records), [records]);
  if (records.length < 2) return null;
  // Regression runs have no accuracy: compare R² instead.
  const regression = records.every((r) => r.epochs.length > 0 && r.epochs[0].validation.accuracy === undefined);
  return (
    <div className="compare" aria-label="Run comparison">
      <h3>Comparing {records.length} runs</h3>
      <ul className="compare-legend" data-testid="compare-legend">
        {labels.map((label, i) => (
          <li key={records[i].id} style={{ borderColor: COLORS[i % COLORS.length] }}>
            {label}
          </li>
        ))}
      </ul>
      <div className="charts">
        <Overlay title="Validation loss per epoch" records={records} labels={labels} split="validation" score="loss" />
        <Overlay title="Training loss per epoch" records={records} labels={labels} split="train" score="loss" />
        {regression ? (
          <Overlay title="Validation R² per epoch" records={records} labels={labels} split="validation" score="r2" />
        ) : (
          <Overlay title="Validation accuracy per epoch" records={records} labels={labels} split="validation" score="accuracy" />
        )}
      </div>
    </div>
  );
}

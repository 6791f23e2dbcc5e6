import { perClassScores } from '../../metrics/classification';

export interface CellFilter {
  actual: number;
  predicted: number;
}

interface Props {
  matrix: number[][];
  classes: string[];
  epoch: number;
  selected: CellFilter | null;
  onSelect: (cell: CellFilter) => void;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Validation confusion matrix of the latest epoch, with per-class precision, recall and F1; a cell opens its samples. */
export function ConfusionMatrixView({ matrix, classes, epoch, selected, onSelect }: Props) {
  const scores = perClassScores(matrix);
  const max = Math.max(1, ...matrix.flat());
  return (
    <div className="confusion" data-testid="confusion-matrix">
      <h3>Confusion matrix (validation, epoch {epoch})</h3>
      <div className="table-scroll" role="region" aria-label="Confusion matrix table" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">actual ↓ / predicted →</th>
              {classes.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
              <th scope="col">precision</th>
              <th scope="col">recall</th>
              <th scope="col">F1</th>
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, actual) => (
              <tr key={actual}>
                <th scope="row">{classes[actual]}</th>
                {row.map((count, predicted) => {
                  const isSelected = selected?.actual === actual && selected.predicted === predicted;
                  const tone = actual === predicted ? '47, 158, 68' : '224, 49, 49';
                  return (
                    <td key={predicted} style={{ background: count > 0 ? `rgba(${tone}, ${0.1 + (0.6 * count) / max})` : undefined }}>
                      {count > 0 ? (
                        <button
                          type="button"
                          className={`cell${isSelected ? ' selected' : ''}`}
                          aria-pressed={isSelected}
                          aria-label={`${count} samples of ${classes[actual]} predicted as ${classes[predicted]}`}
                          onClick={() => onSelect({ actual, predicted })}
                        >
                          {count}
                        </button>
                      ) : (
                        0
                      )}
                    </td>
                  );
                })}
                <td>{percent(scores[actual].precision)}</td>
                <td>{percent(scores[actual].recall)}</td>
                <td>{percent(scores[actual].f1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/assert';
import { fetchSamples, type SamplesResult } from '../../state/insightActions';
import type { CellFilter } from './ConfusionMatrixView';
import { SampleImage } from './SampleImage';
import { ScrollBox } from '../ScrollBox';

const LIMIT = 24;
const percent = (v: number) => `${Math.round(v * 100)}%`;

interface Props {
  task: 'classification' | 'regression';
  classes: string[];
  imageShape: number[] | null;
  filter: CellFilter | null;
  onClearFilter: () => void;
  /** Changes when new weights exist (an epoch ended, a run stopped): the gallery asks again. */
  version: string;
}

/** Validation samples with prediction and confidence, worst first; filterable to the mistakes or one matrix cell. */
export function Gallery({ task, classes, imageShape, filter, onClearFilter, version }: Props) {
  const regression = task === 'regression';
  const [mistakesOnly, setMistakesOnly] = useState(true);
  const [result, setResult] = useState<SamplesResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchSamples({
      actual: filter?.actual ?? null,
      predicted: filter?.predicted ?? null,
      mistakesOnly: filter ? false : mistakesOnly,
      limit: LIMIT,
    })
      .then((answer) => {
        if (!live) return;
        setResult(answer);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [filter, mistakesOnly, version]);
  return (
    <div className="gallery" data-testid="gallery">
      <h3>Predictions on validation samples, worst first</h3>
      <div className="gallery-filters" hidden={regression}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={mistakesOnly}
            disabled={filter !== null}
            onChange={(event) => setMistakesOnly(event.target.checked)}
          />
          Only mistakes
        </label>
        {filter && (
          <span>
            Showing actual {classes[filter.actual]} predicted as {classes[filter.predicted]}{' '}
            <button type="button" onClick={onClearFilter}>
              Show all
            </button>
          </span>
        )}
      </div>
      {error && <p className="hint">{error}</p>}
      {result && (
        <p className="hint" data-testid="gallery-count">
          {result.matching.toLocaleString('en-US')} matching samples{result.matching > LIMIT ? `; the ${LIMIT} worst are shown` : ''}.
        </p>
      )}
      {result && imageShape && (
        <ul className="gallery-grid">
          {result.items.map((item) => (
            <li key={item.index} className={item.actual === item.predicted ? 'right' : 'wrong'} data-testid="gallery-item">
              {item.pixels && (
                <SampleImage pixels={item.pixels} width={imageShape[1]} height={imageShape[0]} label={`validation sample ${item.index}`} />
              )}
              <span>
                predicted {classes[item.predicted]} ({percent(item.confidence)})
                <br />
                actual {classes[item.actual]}
              </span>
            </li>
          ))}
        </ul>
      )}
      {result && !imageShape && result.header && (
        <ScrollBox label="Rows with their predictions">
          <table>
            <thead>
              <tr>
                {result.header.map((name) => (
                  <th key={name} scope="col">
                    {name}
                  </th>
                ))}
                <th scope="col">predicted</th>
                <th scope="col">{regression ? 'error' : 'confidence'}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item) => (
                <tr key={item.index} data-testid="gallery-item">
                  {(item.cells ?? []).map((cell, c) => (
                    <td key={c}>{cell}</td>
                  ))}
                  <td>{regression ? item.predicted.toFixed(3) : classes[item.predicted]}</td>
                  <td>{regression ? (item.predicted - item.actual).toFixed(3) : percent(item.confidence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </div>
  );
}

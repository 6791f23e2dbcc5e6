import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { applySuggestedRate, findLearningRate } from '../../state/lrFinderActions';
import { isLive, useAppStore } from '../../state/store';
import { cssVar, LOSS_COLOR } from '../tokens';

const rate = (v: number) => Number(v.toPrecision(2)).toString();

/** One click runs the range test on a copy of the model; the loss against the rate (log axis), a suggested rate, and Use. */
export function LrFinder() {
  const finder = useAppStore((state) => state.lrFinder);
  const busy = useAppStore((state) => isLive(state.run.status));
  const current = useAppStore((state) => state.config.learningRate);
  const result = finder.result;
  return (
    <div className="lr-finder" data-testid="lr-finder">
      <button
        type="button"
        data-testid="lr-finder-button"
        disabled={busy || finder.status === 'running'}
        title="A few hundred batches with the rate rising from 0.000001 to 10, on a copy of the model: the model and the next run are left as they were"
        onClick={() => void findLearningRate()}
      >
        {finder.status === 'running' ? `Finding a learning rate… ${Math.round(finder.fraction * 100)} %` : 'Find a learning rate'}
      </button>
      {finder.error && (
        <p className="field-error" role="alert">
          {finder.error}
        </p>
      )}
      {result && (
        <figure className="lr-finder-chart">
          <ResponsiveContainer width="100%" height={150}>
            <LineChart data={result.points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="rate" type="number" scale="log" domain={['dataMin', 'dataMax']} tickFormatter={rate} />
              <YAxis width={36} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(1)} />
              <Tooltip formatter={(v) => Number(v).toFixed(3)} labelFormatter={(v) => `rate ${rate(Number(v))}`} />
              <Line dataKey="smoothed" name="loss (smoothed)" stroke={LOSS_COLOR} dot={false} isAnimationActive={false} />
              {result.suggested && <ReferenceLine x={result.suggested} stroke={cssVar('marker')} strokeDasharray="4 2" />}
            </LineChart>
          </ResponsiveContainer>
          <figcaption className="hint" data-testid="lr-finder-reading">
            Loss against the learning rate over {result.points.length} batches on {result.backend}
            {result.stopped ? `; stopped early: ${result.stopped}` : ''}.{' '}
            {result.suggested
              ? `Suggested: ${rate(result.suggested)}, a tenth of the rate where the loss was lowest.`
              : 'The loss never fell: no rate is suggested (try another optimizer or model).'}
          </figcaption>
          {result.suggested && result.suggested !== current && (
            <button type="button" data-testid="lr-finder-use" onClick={applySuggestedRate}>
              Use {rate(result.suggested)}
            </button>
          )}
        </figure>
      )}
    </div>
  );
}

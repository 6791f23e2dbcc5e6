import { ScrollBox } from '../ScrollBox';
import { useAppStore } from '../../state/store';
import { selectHistory } from '../selectors';
import { CompareCharts } from './CompareCharts';
import { RunRow } from './RunRow';

/** Every stored run, newest first, with the comparison of those ticked. */
export function RunHistory() {
  const history = useAppStore(selectHistory);
  const runs = history.runs.slice().reverse();
  return (
    <section className="history" aria-label="Run history">
      <h2>Run history</h2>
      {history.error && (
        <p className="field-error" role="alert">
          {history.error}
        </p>
      )}
      {history.status === 'ready' && runs.length === 0 && <p className="hint">Runs are kept here, in this browser, when they end.</p>}
      {runs.length > 0 && (
        <ScrollBox label="Stored runs">
          <table>
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col">Run</th>
                <th scope="col">Dataset</th>
                <th scope="col">Parameters</th>
                <th scope="col">Val loss</th>
                <th scope="col">Val scores</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((record) => (
                <RunRow key={record.id} record={record} compared={history.compared.includes(record.id)} />
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {history.compared.length === 1 && <p className="hint">Tick one more run to compare.</p>}
      <CompareCharts />
    </section>
  );
}

import { useEffect } from 'react';
import { warmUpTraining } from '../state/actions';
import { loadHistory } from '../state/historyActions';
import { BatchChart } from './charts/BatchChart';
import { EpochChart } from './charts/EpochChart';
import { MetricReadouts } from './charts/MetricReadouts';
import { LayerStack } from './builder/LayerStack';
import { BackendSelect } from './controls/BackendSelect';
import { TrainingSettings } from './controls/TrainingSettings';
import { RunControls } from './controls/RunControls';
import { RunStatus } from './controls/RunStatus';
import { ErrorBanner } from './ErrorBanner';
import { RunHistory } from './history/RunHistory';
import { CopyLink } from './share/CopyLink';
import { LinkNotes } from './share/LinkNotes';
import { useModelCheck } from './model/useModelCheck';

/** The playground: data and model on the left, controls and live charts on the right. */
export function App() {
  const check = useModelCheck();
  useEffect(warmUpTraining, []);
  useEffect(() => void loadHistory(), []);
  return (
    <div className="app">
      <header>
        <div className="title-row">
          <h1>Training Playground</h1>
          <CopyLink />
        </div>
        <p className="subtitle">
          Dataset: MNIST sample (10,000 handwritten digits, 8,000 training / 2,000 validation). Training runs in a Web Worker.
        </p>
      </header>
      <ErrorBanner />
      <LinkNotes />
      <main>
        <aside className="side">
          <LayerStack />
          <TrainingSettings />
          <BackendSelect />
        </aside>
        <div className="main">
          <RunControls canTrain={check.ok} />
          <RunStatus />
          <MetricReadouts />
          <div className="charts">
            <BatchChart />
            <EpochChart title="Loss per epoch" scores={['loss']} markBest />
            <EpochChart title="Accuracy and F1 per epoch" scores={['accuracy', 'f1']} unitInterval />
          </div>
          <RunHistory />
        </div>
      </main>
      <footer>
        MNIST by Yann LeCun and Corinna Cortes, CC BY-SA 3.0 (<a href="data/MNIST-NOTICE.md">notice</a>).
      </footer>
    </div>
  );
}

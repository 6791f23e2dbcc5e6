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
import { ViewControls } from './ViewControls';
import type { PanelName } from '../config/experiment';
import { RunHistory } from './history/RunHistory';
import { SweepPanel } from './sweep/SweepPanel';
import { CopyLink } from './share/CopyLink';
import { LinkNotes } from './share/LinkNotes';
import { PendingLink } from './share/PendingLink';
import { AppUpdateOffer, OfflineStatus } from './AppUpdate';
import { DatasetPanel } from './data/DatasetPanel';
import { OverfittingLab } from './lab/OverfittingLab';
import { Insights } from './insights/Insights';
import { Stage } from './model/Stage';
import { ModelFiles } from './model/ModelFiles';
import { useModelCheck } from './model/useModelCheck';
import { useTask } from './model/useTask';
import { useAppStore } from '../state/store';

/** The playground: data and model on the left, controls and live charts on the right. */
export function App() {
  const check = useModelCheck();
  const loading = useAppStore((state) => state.data.loading !== null);
  const task = useTask();
  const classroom = useAppStore((state) => state.config.classroom);
  const hidden = useAppStore((state) => state.config.hiddenPanels);
  const show = (panel: PanelName) => !hidden.includes(panel);
  useEffect(warmUpTraining, []);
  useEffect(() => void loadHistory(), []);
  return (
    <div className={`app${classroom ? ' classroom' : ''}`}>
      <header>
        <div className="title-row">
          <h1>Training Playground</h1>
          <div className="header-tools">
            <ViewControls />
            <CopyLink />
          </div>
        </div>
        <p className="subtitle">Build a model, train it in a Web Worker on your GPU (or CPU), and watch loss, accuracy and F1 live.</p>
      </header>
      <ErrorBanner />
      <AppUpdateOffer />
      <PendingLink />
      <LinkNotes />
      <main>
        <aside className="side">
          {show('data') && <DatasetPanel />}
          {show('model') && <LayerStack />}
          {show('model') && <ModelFiles />}
          {show('settings') && (
            <>
              <TrainingSettings />
              <OverfittingLab />
              <BackendSelect />
            </>
          )}
        </aside>
        <div className="main">
          <RunControls canTrain={check !== null && check.ok && !loading} />
          <RunStatus />
          <MetricReadouts />
          <Stage />
          <div className="charts">
            {show('batch-chart') && <BatchChart />}
            <EpochChart title={task === 'regression' ? 'Mean squared error per epoch' : 'Loss per epoch'} scores={['loss']} markBest />
            {task === 'regression' ? (
              <>
                <EpochChart title="Mean absolute error per epoch" scores={['mae']} />
                <EpochChart title="R² per epoch" scores={['r2']} />
              </>
            ) : (
              <EpochChart title="Accuracy and F1 per epoch" scores={['accuracy', 'f1']} unitInterval />
            )}
          </div>
          {show('insights') && <Insights />}
          {show('sweeps') && <SweepPanel />}
          {show('history') && <RunHistory />}
        </div>
      </main>
      <footer>
        <OfflineStatus />
        MNIST by Yann LeCun and Corinna Cortes, CC BY-SA 3.0 (<a href="data/MNIST-NOTICE.md">notice</a>). Sample CSVs: see{' '}
        <a href="data/samples/SOURCES.md">their sources and licences</a>.
      </footer>
    </div>
  );
}

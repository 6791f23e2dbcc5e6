import { useEffect } from 'react';
import { warmUpTraining } from '../state/actions';
import { BatchChart } from './charts/BatchChart';
import { EpochChart } from './charts/EpochChart';
import { MetricReadouts } from './charts/MetricReadouts';
import { LayerStack } from './builder/LayerStack';
import { BackendSelect } from './controls/BackendSelect';
import { BackendPopover } from './controls/BackendPopover';
import { TrainingSettings } from './controls/TrainingSettings';
import { RunControls } from './controls/RunControls';
import { RunStatus } from './controls/RunStatus';
import { ErrorBanner } from './ErrorBanner';
import { ViewControls } from './ViewControls';
import type { PanelName } from '../config/experiment';
import { CopyLink } from './share/CopyLink';
import { LinkNotes } from './share/LinkNotes';
import { PendingLink } from './share/PendingLink';
import { AppUpdateOffer, OfflineStatus } from './AppUpdate';
import { DatasetPanel } from './data/DatasetPanel';
import { OverfittingLab } from './lab/OverfittingLab';
import { ImbalanceControls } from './lab/ImbalanceControls';
import { DriftLab } from './lab/DriftLab';
import { LessonPanel } from './lessons/LessonPanel';
import { LessonsMenu } from './lessons/LessonsMenu';
import { OutputMap, Stage } from './model/Stage';
import { ModelFiles } from './model/ModelFiles';
import { useMemoryProblem, useModelCheck } from './model/useModelCheck';
import { useTask } from './model/useTask';
import { useAppStore } from '../state/store';
import { SkipLink } from './SkipLink';
import { Workbench } from './Workbench';

/**
 * The playground on one screen, as TensorFlow Playground lays it out: the
 * run bar across the top; data, settings and the model on the left; the
 * network and its output in the middle; the live figures and charts on the
 * right. The deeper views (inside the model, sweeps, history) are tabs below.
 */
export function App() {
  const check = useModelCheck();
  const memory = useMemoryProblem(check);
  const loading = useAppStore((state) => state.data.loading !== null);
  const task = useTask();
  const classroom = useAppStore((state) => state.config.classroom);
  const hidden = useAppStore((state) => state.config.hiddenPanels);
  const show = (panel: PanelName) => !hidden.includes(panel);
  // A lesson is read beside the controls it drives: at the head of the left column, which it keeps open.
  const lesson = useAppStore((state) => state.lesson.active !== null);
  const side = lesson || show('data') || show('model') || show('settings');
  // 2-D sets show their output map in the middle; other data the batch chart there.
  const planar = useAppStore((state) => state.config.dataset.kind === 'synthetic');
  const epochCharts = (
    <div className="charts">
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
  );
  useEffect(warmUpTraining, []);
  return (
    <div className={`app${classroom ? ' classroom' : ''}`}>
      <SkipLink />
      <div className="screen">
        <header>
          <div className="title-row">
            <h1>Training Playground</h1>
            <p className="subtitle">Build a model, train it in a Web Worker on your GPU (or CPU), and watch loss, accuracy and F1 live.</p>
            <div className="header-tools">
              <LessonsMenu />
              <ViewControls />
              <CopyLink />
            </div>
          </div>
        </header>
        <ErrorBanner />
        <AppUpdateOffer />
        <PendingLink />
        <LinkNotes />
        <main className={`workspace${side ? '' : ' no-side'}${planar ? ' planar' : ''}${lesson ? ' with-lesson' : ''}`}>
          <div className="run-bar">
            <RunControls canTrain={check !== null && check.ok && !loading && memory === null} />
            <BackendPopover />
          </div>
          {side && (
            <aside className="side" aria-label="Data, training settings and model">
              <LessonPanel />
              {show('data') && <DatasetPanel />}
              {show('settings') && <TrainingSettings />}
              {show('model') && <LayerStack />}
              {show('model') && <ModelFiles />}
              {show('settings') && (
                <>
                  <OverfittingLab />
                  <ImbalanceControls />
                  <DriftLab />
                  <section aria-label="Backend">
                    <BackendSelect />
                  </section>
                </>
              )}
            </aside>
          )}
          <div className="centre">
            <Stage />
            {planar ? epochCharts : show('batch-chart') && <BatchChart />}
            <RunStatus />
          </div>
          <div className="results" role="region" aria-label="Live results">
            <MetricReadouts />
            {planar && <OutputMap />}
            {planar ? show('batch-chart') && <BatchChart /> : epochCharts}
          </div>
        </main>
      </div>
      <Workbench />
      <footer>
        <OfflineStatus />
        MNIST by Yann LeCun and Corinna Cortes, CC BY-SA 3.0 (<a href="data/MNIST-NOTICE.md">notice</a>). Fashion-MNIST by Zalando Research,
        MIT (<a href="data/FASHION-NOTICE.md">notice</a>). Sample CSVs: see <a href="data/samples/SOURCES.md">their sources and licences</a>
        .
      </footer>
    </div>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { restoreTab, startAutoWarmUp, startRunOf, stopRun } from './state/actions';
import { startAppUpdates } from './state/appUpdate';
import { onRunEnded, onRunEvents } from './state/clientHandle';
import { runForest } from './state/forestActions';
import { flushRunProgress, loadHistory, recordRunEvent, saveForestRecord } from './state/historyActions';
import { connectSweepRunner, restoreSweepFromHistory } from './state/sweepRunner';
import { startUrlSync } from './state/urlSync';
import { useAppStore } from './state/store';
import { lessonPictureChanged, lessonRunEnded, lessonSweepChanged } from './state/lessonActions';
import { App } from './ui/App';
import './ui/tokens.css';
import './ui/app.css';

// The opened link decides the experiment before anything renders or warms up.
startUrlSync();
startAutoWarmUp();
restoreTab();
startAppUpdates();

// What follows a run, registered on the client handle's run events (in this
// order: a run's record is written before a sweep starts its next member).
onRunEvents(recordRunEvent);
// A lesson reads each run that ends while one of its steps is shown.
onRunEnded(lessonRunEnded);
useAppStore.subscribe((state, previous) => {
  if (state.sweep !== previous.sweep) lessonSweepChanged();
  if (state.metrics.picture !== previous.metrics.picture) lessonPictureChanged();
});
// A reload or a closed tab writes the last epochs at once (IndexedDB finishes a write begun in pagehide).
window.addEventListener('pagehide', flushRunProgress);
connectSweepRunner({
  startRun: (config, sweep) => startRunOf(config, { sweep }),
  stopRun,
  growForest: (config) => runForest(config, () => undefined),
  keepForest: (config, tag, scores) => void saveForestRecord(config, tag, scores),
  onRunEnded,
});
void loadHistory().then(restoreSweepFromHistory);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

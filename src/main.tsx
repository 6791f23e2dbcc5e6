import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { restoreTab, startAutoWarmUp } from './state/actions';
import { startAppUpdates } from './state/appUpdate';
import { startUrlSync } from './state/urlSync';
import { App } from './ui/App';
import './ui/app.css';

// The opened link decides the experiment before anything renders or warms up.
startUrlSync();
startAutoWarmUp();
restoreTab();
startAppUpdates();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

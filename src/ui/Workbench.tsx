import type { ReactNode } from 'react';
import type { PanelName } from '../config/experiment';
import { openTab } from '../state/actions';
import { useAppStore, type WorkbenchTab } from '../state/store';
import { Insights } from './insights/Insights';
import { RunHistory } from './history/RunHistory';
import { SweepPanel } from './sweep/SweepPanel';

type TabName = WorkbenchTab & PanelName;

const TABS: { name: TabName; label: string; render: () => ReactNode }[] = [
  { name: 'insights', label: 'Inside the model', render: () => <Insights /> },
  { name: 'sweeps', label: 'Sweeps', render: () => <SweepPanel /> },
  { name: 'history', label: 'Run history', render: () => <RunHistory /> },
];

/**
 * The deeper views, one at a time under the first screen: what the model
 * does, sweeps, and the run history. Every panel stays mounted (its data and
 * timers live on), only the chosen one shows.
 */
export function Workbench() {
  const hidden = useAppStore((state) => state.config.hiddenPanels);
  const tabs = TABS.filter((tab) => !hidden.includes(tab.name));
  const chosen = useAppStore((state) => state.workbenchTab);
  const setChosen = openTab;
  if (tabs.length === 0) return null;
  const current = tabs.some((tab) => tab.name === chosen) ? chosen : tabs[0].name;
  return (
    <section className="workbench" aria-label="More views">
      <div role="tablist" aria-label="More views" className="tabs">
        {tabs.map((tab) => (
          <button
            key={tab.name}
            type="button"
            role="tab"
            id={`tab-${tab.name}`}
            aria-selected={tab.name === current}
            aria-controls={`panel-${tab.name}`}
            tabIndex={tab.name === current ? 0 : -1}
            onClick={() => setChosen(tab.name)}
            onKeyDown={(event) => {
              if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
              const k = tabs.findIndex((t) => t.name === current);
              const next = tabs[(k + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
              setChosen(next.name);
              document.getElementById(`tab-${next.name}`)?.focus();
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.name} role="tabpanel" id={`panel-${tab.name}`} aria-labelledby={`tab-${tab.name}`} hidden={tab.name !== current}>
          {tab.render()}
        </div>
      ))}
    </section>
  );
}

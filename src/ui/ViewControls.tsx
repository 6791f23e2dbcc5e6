import { PANELS, type PanelName } from '../config/experiment';
import { setClassroom, togglePanel } from '../state/actions';
import { useAppStore } from '../state/store';

const PANEL_LABELS: Record<PanelName, string> = {
  data: 'data',
  model: 'model',
  settings: 'training settings',
  history: 'run history',
  insights: 'insight views',
  'batch-chart': 'per-batch chart',
  sweeps: 'sweeps',
};

/** Classroom mode, and which panels show; both travel in the link. */
export function ViewControls() {
  const classroom = useAppStore((state) => state.config.classroom);
  const hidden = useAppStore((state) => state.config.hiddenPanels);
  return (
    <div className="view-controls">
      <button type="button" aria-pressed={classroom} onClick={() => setClassroom(!classroom)}>
        Classroom mode {classroom ? 'on' : 'off'}
      </button>
      <details className="popover panels-popover">
        <summary>Panels{hidden.length > 0 ? ` (${hidden.length} hidden)` : ''}</summary>
        <fieldset className="panel-toggles popover-body">
          <legend>Show panels</legend>
          {PANELS.map((panel) => (
            <label key={panel} className="checkbox">
              <input type="checkbox" checked={!hidden.includes(panel)} onChange={() => togglePanel(panel)} />
              {PANEL_LABELS[panel]}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}

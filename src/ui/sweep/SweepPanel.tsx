import { KNOBS, KNOB_LABELS, MAX_SWEEP_RUNS, MAX_SWEEP_SEEDS, sweepFolds, type Knob } from '../../sweep/plan';
import { MAX_FOLDS } from '../../data/folds';
import { TEXTBOOK_TABLES } from '../../sweep/textbook';
import {
  crossValidate,
  setSweepFolds,
  setSweepKnob,
  setSweepSeeds,
  setSweepSpec,
  setSweepTarget,
  setSweepValues,
} from '../../state/sweepActions';
import { resumeSweep, startSweep, stopSweep } from '../../state/sweepRunner';
import { backendSweepWarning, completeRows, longMemberWarning, samplesTrained, sweepEta } from '../../sweep/active';
import { BACKEND_LABELS } from '../../config/experiment';
import { isLive, useAppStore } from '../../state/store';
import { updateConfig } from '../../state/actions';
import { SweepResults } from './SweepResults';
import { CopyLink } from '../share/CopyLink';
import { sweepLink } from '../../state/urlSync';
import { remainingSeconds } from '../../metrics/eta';

const seconds = (s: number) => (s >= 90 ? `${Math.round(s / 60)} min` : `${Math.round(s)} s`);

/** Where the sweep stands: which run, its epoch, and about how long is left. */
function SweepProgress() {
  const active = useAppStore((state) => state.sweep.active);
  const run = useAppStore((state) => state.run);
  const epoch = run.epoch;
  const epochs = run.config?.epochs;
  if (!active) return null;
  const finished = completeRows(active).length;
  const parts = active.rows.length - finished;
  const member = active.current === null ? null : active.members[active.current];
  const fraction = member && epochs && run.sizes.stepsPerEpoch > 0 ? Math.min(1, run.step / (epochs * run.sizes.stepsPerEpoch)) : 0;
  // Measured, and updated every frame: the member's time left at its own speed, the others at the finished members' wall time.
  const left = member ? remainingSeconds({ ...run, ...run.sizes }) : null;
  // Before any member has finished, the others are taken to last as long as this one: its samples so far at its speed, plus what is left.
  const elapsed = run.samplesPerSecond > 0 ? samplesTrained(run.step, run.sizes, run.config?.batchSize ?? 0) / run.samplesPerSecond : 0;
  const eta = sweepEta(active, left, elapsed);
  const long = member && active.status === 'running' ? longMemberWarning(member.label, elapsed, left, run.samplesPerSecond) : null;
  const status =
    active.status === 'done'
      ? `Done: ${finished} runs.`
      : active.status === 'stopped'
        ? `Stopped after ${finished} of ${active.members.length} runs; the finished rows stay${parts > 0 ? ', and what the stopped run trained is kept as a part-row' : ''}.`
        : member
          ? `Run ${finished + 1} of ${active.members.length} (${member.label}${member.fold !== undefined ? `, fold ${member.fold} of ${sweepFolds(active.spec)}` : active.spec.seeds > 1 ? `, seed ${member.seed}` : ''}): epoch ${epoch} of ${epochs ?? '?'}${eta !== null ? ` · about ${seconds(eta)} left` : ''}`
          : 'Starting the next run…';
  return (
    <div className="sweep-progress" data-testid="sweep-progress">
      <progress value={finished + fraction} max={active.members.length} aria-label="Sweep progress" />
      <span role="status">{status}</span>
      {long && (
        <p className="warning" role="status" data-testid="sweep-long-member">
          {long}
        </p>
      )}
      {active.capped && <p className="hint">The sweep is capped at {MAX_SWEEP_RUNS} runs; the rest of the values were left out.</p>}
    </div>
  );
}

/** Before a backend sweep: which members will take minutes, from the speeds measured on this model. */
function BackendSweepEstimate() {
  const spec = useAppStore((state) => state.sweep.spec);
  const preview = useAppStore((state) => state.backendPreview);
  const config = useAppStore((state) => state.config);
  const run = useAppStore((state) => state.run);
  if (spec.knob !== 'backend' || !preview) return null;
  // The training set's size as the last run on this data saw it.
  const same =
    run.config &&
    JSON.stringify(run.config.dataset) === JSON.stringify(config.dataset) &&
    run.config.trainFraction === config.trainFraction;
  const samples = same ? run.sizes.trainSamples * config.epochs : 0;
  const warning = backendSweepWarning(spec.values, preview.speeds, samples, BACKEND_LABELS);
  return warning ? (
    <p className="warning" data-testid="sweep-estimate">
      {warning}
    </p>
  ) : null;
}

/** Sweeps: one knob over several values (and seeds), run one after another, with a table, a chart and a reading. */
export function SweepPanel() {
  const sweep = useAppStore((state) => state.sweep);
  const status = useAppStore((state) => state.run.status);
  const task = useAppStore((state) => state.sweep.active?.task ?? state.run.task ?? 'classification');
  const running = sweep.active?.status === 'running';
  const busy = running || isLive(status);
  const { spec } = sweep;
  const folds = sweepFolds(spec);
  const stratifiedFolds = useAppStore((state) => state.config.stratifiedFolds);
  const repeats = folds > 0 ? folds : spec.seeds;
  return (
    <section className="sweep" aria-labelledby="sweep-title">
      <h2 id="sweep-title">Sweeps: redraw the textbook tables</h2>
      <p className="hint">
        Pick one knob and its values; the experiment runs once per value (and seed), one after another, and the table fills as runs end.
      </p>
      <div className="toggles textbook" role="group" aria-label="Textbook tables">
        {TEXTBOOK_TABLES.map((table) => (
          <button
            key={table.name}
            type="button"
            title={table.note}
            disabled={busy}
            onClick={() => {
              setSweepSpec(table.spec);
              startSweep(table.base);
            }}
          >
            {table.title}
          </button>
        ))}
      </div>
      <div className="sweep-form">
        <label>
          <span>Knob</span>
          <select aria-label="Knob" value={spec.knob} disabled={busy} onChange={(event) => setSweepKnob(event.target.value as Knob)}>
            {KNOBS.map((knob) => (
              <option key={knob} value={knob}>
                {KNOB_LABELS[knob]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Values</span>
          <input
            aria-label="Values"
            type="text"
            value={sweep.valuesText}
            disabled={busy}
            aria-describedby="sweep-values-hint"
            onChange={(event) => setSweepValues(event.target.value)}
          />
        </label>
        <label title="Each value runs with seeds 42, 43, … (from the experiment's seed), for error bars">
          Repeats per value
          <input
            type="number"
            min={1}
            max={MAX_SWEEP_SEEDS}
            value={spec.seeds}
            disabled={busy || folds > 0}
            onChange={(event) => setSweepSeeds(Math.max(1, Math.min(MAX_SWEEP_SEEDS, Math.round(Number(event.target.value) || 1))))}
          />
        </label>
        <label title="k-fold cross-validation: each value runs once per fold, validating on that fold (0: the hold-out split)">
          k-fold (folds)
          <input
            type="number"
            aria-label="Folds"
            min={0}
            max={MAX_FOLDS}
            value={folds}
            disabled={busy}
            onChange={(event) => setSweepFolds(Math.max(0, Math.min(MAX_FOLDS, Math.round(Number(event.target.value) || 0))))}
          />
        </label>
        <label className="checkbox" title="Each fold holds every class's share, to within one sample">
          <input
            type="checkbox"
            checked={stratifiedFolds}
            disabled={busy || folds === 0}
            onChange={(event) => updateConfig((c) => ({ ...c, stratifiedFolds: event.target.checked }))}
          />
          Stratified folds
        </label>
        <label>
          {task === 'regression' ? 'Target validation MSE' : 'Target validation accuracy'}
          <input
            type="number"
            step="any"
            min={0}
            value={spec.target}
            disabled={busy}
            onChange={(event) => setSweepTarget(Number(event.target.value))}
          />
        </label>
      </div>
      <p className="hint" id="sweep-values-hint">
        Values: a list (<code>16, 64, 256</code>, <code>adam, sgd</code>) or a range <code>0.0001..0.1 x4</code> (log-spaced for rates and
        sizes). At most {MAX_SWEEP_RUNS} runs. With k-fold on, every value is scored on k folds (stratified by class): the table gets a row
        per fold and mean ± sd per value.
      </p>
      {sweep.problems.length > 0 && (
        <p className="field-error" role="alert">
          {sweep.problems.join('; ')}.
        </p>
      )}
      <div className="toggles">
        <button type="button" data-testid="run-sweep" disabled={busy || spec.values.length === 0} onClick={() => startSweep()}>
          Run sweep ({Math.min(MAX_SWEEP_RUNS, spec.values.length * repeats)} runs)
        </button>
        <button
          type="button"
          data-testid="cross-validate"
          disabled={busy}
          title="k-fold cross-validation of the experiment as it is: one run per fold, then mean ± sd of every score"
          onClick={() => {
            crossValidate(folds || 5);
            startSweep();
          }}
        >
          Cross-validate this experiment ({folds || 5} folds)
        </button>
        <button type="button" data-testid="stop-sweep" disabled={!running} onClick={stopSweep}>
          Stop sweep
        </button>
        <CopyLink
          make={sweepLink}
          label="Copy sweep link"
          testId="copy-sweep-link"
          copied="Link copied: whoever opens it gets this experiment with this sweep set up (they press Run sweep)."
        />
        {sweep.active?.status === 'stopped' && (
          <button type="button" data-testid="resume-sweep" disabled={busy} onClick={resumeSweep}>
            Resume sweep
          </button>
        )}
      </div>
      {!busy && <BackendSweepEstimate />}
      <SweepProgress />
      <SweepResults />
    </section>
  );
}

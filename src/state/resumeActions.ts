// Resume: an interrupted run (a reload, a closed tab) goes on from its last
// checkpoint, in its own record, with its curves so far on the charts. It
// continues seeded on the backend it trained on, so the curve is the one
// the uninterrupted run would have drawn.
import { errorMessage } from '../lib/assert';
import { getCheckpoint } from '../history/db';
import { startRunOf } from './actions';
import { continueInRecord } from './historyActions';
import { isLive, setSlice, useAppStore } from './store';

const refuse = (error: string) => setSlice('history', { error });

/** Resumes stored run `id` from its checkpoint; says in the history panel why when it cannot. */
export async function resumeHistoryRun(id: number): Promise<void> {
  const { history, run } = useAppStore.getState();
  const record = history.runs.find((r) => r.id === id);
  if (!record || record.outcome !== 'interrupted') return;
  if (isLive(run.status)) return refuse(`Stop the run in progress before resuming ${record.name}.`);
  let checkpoint;
  try {
    checkpoint = await getCheckpoint(id);
  } catch (error) {
    return refuse(`${record.name} cannot be resumed: its checkpoint could not be read (${errorMessage(error)}).`);
  }
  if (!checkpoint) return refuse(`${record.name} cannot be resumed: its checkpoint is no longer stored.`);
  if (checkpoint.epoch > (record.epochs[record.epochs.length - 1]?.epoch ?? 0))
    return refuse(`${record.name} cannot be resumed: its stored curve ends before its checkpoint.`);
  const config = structuredClone(record.config);
  useAppStore.setState({ config });
  const runId = startRunOf(config, { resume: checkpoint });
  const { epoch, step } = checkpoint;
  // The charts go on from the curves stored up to the checkpoint.
  useAppStore.setState((state) => ({
    run: { ...state.run, epoch, step, backend: checkpoint.backend },
    metrics: {
      ...state.metrics,
      epochs: record.epochs.filter((point) => point.epoch <= epoch),
      batches: record.batches.filter((point) => point.step <= step),
      learningRateChanges: record.learningRateChanges.filter((change) => change.step <= step),
    },
  }));
  continueInRecord(runId, record, { epoch, step });
  setSlice('history', { error: null });
}

import { assertNever } from '../lib/assert';
import { appendBatches, appendEpochs } from './liveSeries';
import type { TrainingEvent } from '../train/page/client';
import type { AppState } from './store';

type EpochEnd = Extract<TrainingEvent, { type: 'epoch-end' }>;

/**
 * One or more epoch ends of the current run, appended in one step (epoch 0:
 * an opened model scored without training). The one rule for epoch-end,
 * whether it arrives alone or in a frame's run of them.
 */
function epochsEnded(state: AppState, events: readonly EpochEnd[]): Pick<AppState, 'run' | 'metrics'> {
  const last = events[events.length - 1];
  const zero = events.some((event) => event.point.epoch === 0);
  return {
    run: { ...state.run, phase: 'training', tensors: last.tensors, ...(zero ? { epoch: 0 } : {}) },
    metrics: {
      ...state.metrics,
      epochs: appendEpochs(
        state.metrics.epochs,
        events.map((event) => event.point),
      ),
    },
  };
}

/** Applies one worker event to the state (pure; metrics are appended, never rebuilt). */
export function reduceEvent(state: AppState, event: TrainingEvent, now: number): Partial<AppState> {
  if (event.runId !== state.run.runId) return {};
  const run = state.run;
  switch (event.type) {
    case 'heartbeat':
      return {};
    case 'warning':
      return { run: { ...run, warning: event.message } };
    case 'phase':
      return { run: { ...run, phase: event.phase } };
    case 'ready':
      return {
        run: {
          ...run,
          backend: event.backend,
          choice: {
            ...run.choice,
            fallbacks: event.fallbacks,
            speeds: event.speeds,
            reason: event.backendReason,
            software: event.software ?? null,
          },
          task: event.task,
          sizes: {
            stepsPerEpoch: event.stepsPerEpoch,
            trainSamples: event.trainSamples,
            labelsFlipped: event.labelsFlipped,
            validationSamples: event.validationSamples,
            ...(event.classCounts ? { classCounts: event.classCounts } : {}),
          },
          // A resumed run goes on after its checkpoint's epoch.
          epoch: Math.max(1, run.epoch + (run.epoch > 0 ? 1 : 0)),
        },
      };
    case 'progress': {
      const last = event.points[event.points.length - 1];
      if (!last) return {};
      return {
        run: {
          ...run,
          step: last.step,
          epoch: last.epoch,
          samplesPerSecond: event.samplesPerSecond,
          firstPointAt: run.firstPointAt ?? now,
        },
        metrics: { ...state.metrics, batches: appendBatches(state.metrics.batches, event.points) },
      };
    }
    case 'epoch-end':
      return epochsEnded(state, [event]);
    case 'checkpoint':
      return {};
    case 'probe':
      return { metrics: { ...state.metrics, probes: state.metrics.probes.concat(event.point), probeEvery: event.every } };
    case 'paused':
      return { run: { ...run, status: run.status === 'stopped' ? run.status : 'paused', step: Math.max(run.step, event.step) } };
    case 'resumed':
      return { run: { ...run, status: 'running' } };
    case 'learning-rate':
      return {
        metrics: {
          ...state.metrics,
          learningRateChanges: state.metrics.learningRateChanges.concat({ step: event.step, learningRate: event.learningRate }),
        },
      };
    case 'boundary': {
      const { epoch, size, extent, values, min, max } = event;
      return { metrics: { ...state.metrics, boundary: { epoch, size, extent, values, min, max } } };
    }
    case 'picture': {
      const previous = state.metrics.picture;
      const picture = { epoch: event.epoch, step: event.step, ...event.picture };
      // A picture of the same step again (a pause redraws it) keeps the earlier one to compare with.
      if (previous && previous.step === event.step) return { metrics: { ...state.metrics, picture } };
      return { metrics: { ...state.metrics, picture, previousPicture: previous } };
    }
    case 'scatter':
      return { metrics: { ...state.metrics, scatter: { xy: event.xy, labels: event.labels, train: event.train } } };
    case 'backend-measured':
      return {
        run: {
          ...run,
          backend: event.backend,
          choice: {
            speeds: event.speeds,
            fallbacks: event.speeds
              .filter((s) => s.samplesPerSecond === null)
              .map((s) => ({ backend: s.backend, reason: s.reason ?? 'it failed' })),
            reason: event.reason,
            switched: event.switched && run.backend ? { from: run.backend, to: event.backend, epoch: event.epoch } : run.choice.switched,
            // Auto never moves a run onto a software adapter (it does not measure one).
            software: event.switched ? null : run.choice.software,
          },
        },
      };
    case 'best-restored':
      return { run: { ...run, restoredEpoch: event.epoch } };
    case 'done':
      return {
        run: {
          ...run,
          status: event.reason === 'stopped' ? 'stopped' : 'done',
          earlyStopped: event.reason === 'early-stopped',
          phase: null,
        },
      };
    case 'error':
      return { run: { ...run, status: 'error', phase: null, error: event.message } };
    default:
      return assertNever(event, 'worker event');
  }
}

/**
 * Applies a frame's worth of events. Runs of epoch ends are appended in one
 * step: a tiny net ends about a thousand epochs a second, and copying the
 * whole epoch list once per epoch would grow with the square of the run.
 */
export function reduceEvents(state: AppState, events: readonly TrainingEvent[], now: number): AppState {
  let next = state;
  let pending: EpochEnd[] = [];
  const flushEpochs = () => {
    if (pending.length === 0) return;
    next = { ...next, ...epochsEnded(next, pending) };
    pending = [];
  };
  for (const event of events) {
    if (event.type === 'epoch-end' && event.runId === next.run.runId) {
      pending.push(event);
      continue;
    }
    flushEpochs();
    next = { ...next, ...reduceEvent(next, event, now) };
  }
  flushEpochs();
  return next;
}

// Resume's checkpoints: where a run stands at epoch ends (weights, optimizer
// state, early stopping's best), kept at most every CHECKPOINT_MS and under
// the size cap, posted to the page for IndexedDB.
import type { ExperimentConfig } from '../../config/experiment';
import type { FromWorker } from '../protocol';
import { CHECKPOINT_MS, checkpointBytes, MAX_CHECKPOINT_BYTES, type Checkpoint } from '../../history/checkpoint';
import { carryObstacle } from '../engines/engineState';
import type { trainModel } from './loop';

type EpochStateHook = Parameters<typeof trainModel>[0]['onEpochState'];

/**
 * Keeps where the run stands at epoch ends, at most every CHECKPOINT_MS,
 * for Resume after a reload: weights, optimizer state, and early
 * stopping's best. Says once, with why, when it cannot (Adamax's state,
 * the size cap); the last epoch needs none.
 */
export function epochCheckpointer(
  options: { runId: number; config: ExperimentConfig; evaluateOnly?: boolean; post: (message: FromWorker) => void },
  flush: () => void,
  rate: () => number,
): EpochStateHook {
  const { runId, config, post } = options;
  let last = -Infinity;
  let refused = options.evaluateOnly === true;
  const refuse = (note: string) => {
    refused = true;
    post({ type: 'checkpoint', runId, checkpoint: null, note });
  };
  const obstacle = carryObstacle(config.optimizer);
  return async ({ epoch, step, engine, best }) => {
    if (refused || epoch >= config.epochs || performance.now() - last < CHECKPOINT_MS) return;
    if (obstacle) return refuse(`Resume is not offered for this run: ${obstacle}.`);
    last = performance.now();
    const state = await engine.exportState();
    const early = config.earlyStopping && best.epoch > 0;
    const kept: Checkpoint = {
      epoch,
      step,
      backend: engine.backend,
      learningRate: rate(),
      state,
      ...(early
        ? {
            best: {
              epoch: best.epoch,
              loss: best.loss,
              weights: best.epoch === epoch || !best.weights ? null : await best.weights.read(),
            },
          }
        : {}),
    };
    const bytes = checkpointBytes(kept);
    if (bytes > MAX_CHECKPOINT_BYTES)
      return refuse(
        `Resume is not offered for this run: its weights and optimizer state take ${(bytes / 2 ** 20).toFixed(0)} MiB, over the cap of ${MAX_CHECKPOINT_BYTES / 2 ** 20} MiB.`,
      );
    // After the epoch's end, so the page keeps its record up to here before the checkpoint.
    flush();
    post({ type: 'checkpoint', runId, checkpoint: kept });
  };
}

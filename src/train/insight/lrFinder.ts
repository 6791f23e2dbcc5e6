// The learning-rate finder, in the worker: a few hundred batches of the
// experiment's model with the rate rising exponentially, on an engine of its
// own (the seeded weights, or the opened model's), so no run's model changes.
import type { BackendName, ExperimentConfig } from '../../config/experiment';
import type { Dataset, Split } from '../../data/dataset';
import { createRng, deriveSeed, shuffleInPlace } from '../../lib/rng';
import { yieldToEventLoop } from '../../lib/yield';
import { rangeRates, RangeSmoother, suggestRate, type RangePoint } from '../../metrics/lrRange';

export type { LrFinderResult };
import { buildEngine } from '../engines/build';
import { gatherBatch } from '../engines/hostBatch';
import type { LrFinderResult } from '../protocol';

export const LR_FINDER = { from: 1e-6, to: 10, steps: 200 } as const;

/** Runs the range test on `backend`; `onProgress` gets the share of steps done. */
export async function findLearningRate(
  config: ExperimentConfig,
  dataset: Dataset,
  split: Split,
  backend: BackendName,
  start: { weights?: Parameters<typeof buildEngine>[4]; replaceOutput?: boolean },
  onProgress: (fraction: number) => void,
): Promise<LrFinderResult> {
  const built = await buildEngine(backend, config, dataset, split.train, start.weights, undefined, start.replaceOutput);
  try {
    const rates = rangeRates(LR_FINDER.from, LR_FINDER.to, LR_FINDER.steps);
    const order = split.train.slice();
    const rng = createRng(deriveSeed(config.seed, 'lr-finder'));
    const smoother = new RangeSmoother();
    const points: RangePoint[] = [];
    let from = order.length;
    let stopped: string | null = null;
    let lastYield = performance.now();
    for (const [k, rate] of rates.entries()) {
      if (from + config.batchSize > order.length) {
        shuffleInPlace(order, rng);
        from = 0;
      }
      built.engine.setLearningRate(rate);
      const { loss } = await built.engine.trainStep(
        gatherBatch(dataset, order, from, Math.min(from + config.batchSize, order.length)),
        k + 1,
      );
      from += config.batchSize;
      const { smoothed, diverged } = smoother.add(loss);
      if (Number.isFinite(loss)) points.push({ rate, loss, smoothed });
      if (diverged) {
        stopped = `the loss blew up at a rate of ${Number(rate.toPrecision(2))}`;
        break;
      }
      if (performance.now() - lastYield > 50) {
        onProgress((k + 1) / rates.length);
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    return { points, suggested: suggestRate(points), stopped, backend: built.engine.backend };
  } finally {
    built.dispose();
  }
}

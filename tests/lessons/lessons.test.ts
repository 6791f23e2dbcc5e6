// Every lesson's point holds on its own presets: each step's preset, run on
// the CPU backend seeded, meets the step's goal (given the earlier steps'
// runs), and its reading quotes the run's numbers.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LESSONS } from '../../src/lessons';
import { finalAccuracy, type RunFacts } from '../../src/lessons/facts';
import { restoreFacts, storableFacts } from '../../src/lessons/storedFacts';
import { localFetch, runPreset, weightsOf, type Start } from './runPreset';

/** Each step's run on tfjs's CPU backend, reused where fused cannot train the model (the same run, not trained twice). */
const onCpu = new Map<string, RunFacts>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The CSV samples come from public/, as the page fetches them from its own site.
  vi.stubGlobal('fetch', localFetch);
});

// The page trains a tiny dense net on our fused engine (auto picks it) and anything else on tfjs: a lesson's
// point must hold on both, so each step runs on tfjs's CPU backend and, where it can train the model, on fused.
describe.each(LESSONS.flatMap((lesson) => (['cpu', 'fused'] as const).map((engine) => [lesson.id, engine, lesson] as const)))(
  'lesson %s on %s',
  (_, engine, lesson) => {
    it('meets every step’s goal on its preset, and reads the run back with its numbers', async () => {
      const earlier: (RunFacts | null)[] = [];
      for (const [i, step] of lesson.steps.entries()) {
        const from = step.startFrom === undefined ? undefined : earlier[step.startFrom];
        const start: Start | undefined = from ? { ...weightsOf(from)!, evaluateOnly: step.evaluateOnly } : undefined;
        const key = `${lesson.id}/${i}`;
        const cpu = async () => {
          const facts = onCpu.get(key) ?? (await runPreset(step.preset, 'cpu', step.measure, start));
          if (facts) onCpu.set(key, facts);
          return facts;
        };
        const run = engine === 'fused' ? ((await runPreset(step.preset, 'fused', step.measure, start)) ?? (await cpu())) : await cpu();
        if (!run) throw new Error('unreachable');
        const context = { prediction: step.prediction ? step.prediction.answer(run, earlier) : null, changed: [], earlier };
        const reading = step.reading(run, context);
        console.log(`${lesson.id} on ${run.backend} step ${i + 1} (${step.title}): accuracy ${finalAccuracy(run).toFixed(3)}; ${reading}`);
        expect(step.goal.met(run, context), `${lesson.id} step ${i + 1}: ${step.goal.text}`).toBe(true);
        if (step.prediction) expect(step.prediction.choices).toContain(step.prediction.answer(run, earlier));
        // The reading quotes a number of this run.
        expect(reading).toMatch(/\d\.\d{3}/);
        // Kept in the browser and read back on a later visit, the run gives the same reading and goal.
        const back = restoreFacts(JSON.parse(JSON.stringify(storableFacts(run))));
        expect(back, `${lesson.id} step ${i + 1}: its stored facts read back`).not.toBeNull();
        expect(step.reading(back!, context)).toBe(reading);
        expect(step.goal.met(back!, context)).toBe(true);
        earlier.push(run);
      }
    }, 300_000);
  },
);

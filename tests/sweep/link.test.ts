// A sweep in a link: it comes back as written, and a hostile one is cut to
// the caps with notes (and never starts anything by itself).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSweep, encodeSweep } from '../../src/sweep/link';
import { MAX_SWEEP_RUNS, type SweepSpec } from '../../src/sweep/plan';

describe('sweep links', () => {
  it('round-trips a sweep', () => {
    const spec: SweepSpec = { knob: 'learningRate', values: [0.0001, 0.001, 0.01], seeds: 3, target: 0.95, metric: 'stepsToTarget' };
    expect(decodeSweep(encodeSweep(spec))).toEqual({ spec, notes: [] });
    const named: SweepSpec = { knob: 'optimizer', values: ['sgd', 'adam'], seeds: 1, target: 0.9, metric: 'accuracy' };
    expect(decodeSweep(encodeSweep(named)).spec).toEqual(named);
  });

  it('cuts a hostile sweep to the caps, with a note for every change', () => {
    const { spec, notes } = decodeSweep('epochs~1..1000 x12~99~abc~evil');
    expect(spec!.values).toHaveLength(12);
    expect(spec!.values.length * spec!.seeds).toBeLessThanOrEqual(MAX_SWEEP_RUNS);
    expect(spec!.target).toBe(0.9);
    expect(spec!.metric).toBe('accuracy');
    expect(notes).toHaveLength(4);
    expect(notes[1]).toBe("The link's sweep would make 60 runs; with 3 seeds per value it makes 36, within the cap of 40.");
    expect(decodeSweep('rm -rf~1,2').spec).toBeNull();
    expect(decodeSweep('batchSize~0,-1,1e9').notes.at(-1)).toBe("The link's sweep has no usable values; it was not read.");
    expect(decodeSweep('x'.repeat(10_000)).spec).toBeNull();
  });

  it('never throws, and never plans more than the cap (property, 2,000 strings)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 700 }),
        fc.constantFrom('batchSize~', 'optimizer~', 'learningRate~', ''),
        (text, prefix) => {
          const { spec } = decodeSweep(prefix + text);
          if (spec) expect(spec.values.length * spec.seeds).toBeLessThanOrEqual(MAX_SWEEP_RUNS);
        },
      ),
      { numRuns: 2000, seed: 20261128 },
    );
  });
});

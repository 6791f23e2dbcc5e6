// Small first-use traps from the hardening issue, each pinned by a test.
import { describe, expect, it } from 'vitest';
import { decodeExperiment } from '../../src/share/codec';
import { epochSoFar } from '../../src/ui/charts/MetricReadouts';

describe('links', () => {
  it('treat test keys as unknown settings outside a test build', () => {
    const production = decodeExperiment('v=1&lr=0.01&e2e.nanAtStep=3&e2e.crashWorker=1');
    expect(production.notes.join(' ')).toContain('Unknown settings were ignored: "e2e.nanAtStep", "e2e.crashWorker"');
    const testBuild = decodeExperiment('v=1&lr=0.01&e2e.nanAtStep=3', true);
    expect(testBuild.notes).toEqual([]);
  });

  it('read an experiment from a fragment as from a query', () => {
    expect(decodeExperiment('#v=1&lr=0.02').config.learningRate).toBe(0.02);
    expect(decodeExperiment('?v=1&lr=0.02').config.learningRate).toBe(0.02);
  });

  it('say that no synthetic set was named, rather than naming "null"', () => {
    const { notes, config } = decodeExperiment('v=1&ds=synthetic');
    expect(config.dataset).toMatchObject({ kind: 'synthetic', shape: 'circle' });
    expect(notes.join(' ')).toContain('the link names no synthetic set');
    expect(notes.join(' ')).not.toContain('null');
  });
});

describe('the loss readout', () => {
  it('shows the epoch so far, which ends at exactly the epoch mean (no jump)', () => {
    const batches = [
      { step: 1, epoch: 1, size: 10, loss: 3, accuracy: 0.1 },
      { step: 2, epoch: 2, size: 10, loss: 2, accuracy: 0.4 },
      { step: 3, epoch: 2, size: 5, loss: 1, accuracy: 1 },
    ];
    const so = epochSoFar(batches, 2);
    expect(so.loss).toBeCloseTo((2 * 10 + 1 * 5) / 15, 12);
    expect(so.accuracy).toBeCloseTo((0.4 * 10 + 1 * 5) / 15, 12);
  });
});

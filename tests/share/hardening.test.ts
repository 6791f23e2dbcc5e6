// Small first-use traps from the hardening issue, each pinned by a test.
import { describe, expect, it } from 'vitest';
import { decodeExperiment } from '../../src/share/codec';
import { epochSoFar } from '../../src/ui/charts/MetricReadouts';

describe('links', () => {
  it('treat test keys as unknown settings outside a test build', () => {
    const production = decodeExperiment('v=1&lr=0.01&e2e.nanAtStep=3&e2e.crashWorker=1');
    expect(production.notes.join(' ')).toContain('Unknown settings were ignored: "e2e.nanAtStep", "e2e.crashWorker"');
    const testBuild = decodeExperiment('v=1&lr=0.01&e2e.nanAtStep=3', true);
    expect(testBuild.notes.join(' ')).not.toContain('e2e');
  });

  it('name an invalid dataset option instead of quietly using the default', () => {
    const { notes, config } = decodeExperiment(
      'v=1&ds=csv&src=sample:iris&hdr=yes&tgt=species&task=rEgression&miss=avg&scale=big&dup=maybe',
    );
    expect(config.dataset).toMatchObject({
      kind: 'csv',
      options: { task: 'classification', missing: 'mean', scaling: 'standard', dropDuplicates: false },
    });
    const text = notes.join('\n');
    expect(text).toContain('Dataset task: "rEgression" is not one of classification, regression');
    expect(text).toContain('Dataset missing values: "avg"');
    expect(text).toContain('Dataset scaling: "big"');
    expect(text).toContain('Dataset duplicates: "maybe"');
    expect(text).toContain('Dataset header: "yes"');
  });

  it('keep a real panel to hide even behind many junk entries', () => {
    const junk = Array.from({ length: 13 }, (_, i) => `junk${i}`).join(',');
    const { config, notes } = decodeExperiment(`v=1&hide=${junk},history`);
    expect(config.hiddenPanels).toEqual(['history']);
    expect(notes.join(' ')).toContain('Hidden panels');
  });

  it('say every setting a cut-off link lost, in one note', () => {
    const { notes } = decodeExperiment('v=1&ds=mnist-sample&m=flatten()~dense(8_relu)&opt=sgd&lr=0.1');
    const cut = notes.find((note) => note.startsWith('The link does not say'));
    expect(cut).toContain('Batch size, Epochs');
    expect(cut).toContain('Seed');
    expect(cut).not.toContain('Learning rate');
  });

  it('name the settings of another kind of dataset that were ignored', () => {
    const { notes } = decodeExperiment('v=1&ds=mnist&syn=spiral&noise=0.2&tgt=x');
    expect(notes.join(' ')).toContain("Settings the link's dataset does not use were ignored: Synthetic set, Noise, Dataset target column");
  });

  it('say when a link comes from a newer version of the app (an old offline copy meeting a new link)', () => {
    const { notes } = decodeExperiment('v=2&lr=0.01');
    expect(notes.join(' ')).toContain('made by a newer version of the playground than this copy');
    expect(notes.join(' ')).toContain('reload it while online');
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
  it('a learning rate above the limit becomes the nearest allowed one, not the default', () => {
    const { config, notes } = decodeExperiment('v=1&lr=100');
    expect(config.learningRate).toBe(9.99);
    expect(notes.join(' ')).toContain('Learning rate: 100 is out of range (must be below 10); 9.99 is used.');
  });
});

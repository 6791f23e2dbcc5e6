import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { comparisonLabels, configDifferences, epochsToCsv, makeRecord, MAX_STORED_BATCHES, readRecord } from '../../src/history/record';
import { presetLayers } from '../../src/model/presets';

const scores = (loss: number, accuracy: number) => ({ loss, accuracy, precision: accuracy, recall: accuracy, f1: accuracy });

describe('run records', () => {
  it('keep at most 1,000 batch points, averaging longer curves', () => {
    const batches = Array.from({ length: 5000 }, (_, i) => ({ step: i + 1, epoch: 1, size: 32, loss: 1, accuracy: 0.5 }));
    const record = makeRecord({ name: 'r', finishedAt: 0, config: defaultConfig(), datasetLabel: '', totalParams: 0, backend: null, outcome: 'done', batches, epochs: [], learningRateChanges: [], restoredEpoch: null });
    expect(record.batches.length).toBeLessThanOrEqual(MAX_STORED_BATCHES);
    expect(record.batches[record.batches.length - 1].step).toBe(5000);
  });

  it('export epochs as CSV with a header row', () => {
    const csv = epochsToCsv({ epochs: [{ epoch: 1, step: 10, train: scores(0.5, 0.8), validation: scores(0.6, 0.75) }] });
    expect(csv).toBe(
      'epoch,step,train_loss,train_accuracy,train_precision,train_recall,train_f1,val_loss,val_accuracy,val_precision,val_recall,val_f1\n' +
        '1,10,0.5,0.8,0.8,0.8,0.8,0.6,0.75,0.75,0.75,0.75\n',
    );
  });

  it('skip what is not a run, and restore an old config', () => {
    expect(readRecord(null)).toBeNull();
    expect(readRecord({ id: 'x' })).toBeNull();
    const record = readRecord({ id: 3, epochs: [], batches: [], config: { learningRate: 99 } });
    expect(record?.name).toBe('Run 3');
    expect(record?.config.learningRate).toBe(0.001);
    expect(record?.outcome).toBe('error');
  });
});

describe('comparing runs says what differs', () => {
  it('names a changed layer setting and a changed learning rate', () => {
    const base = { ...defaultConfig(), layers: [{ kind: 'flatten' as const }, { kind: 'dropout' as const, rate: 0 }, { kind: 'dense' as const, units: 64, activation: 'relu' as const }] };
    const other = structuredClone(base);
    other.layers[1] = { kind: 'dropout', rate: 0.5 };
    other.learningRate = 0.01;
    expect(configDifferences(base, other)).toEqual(['layer 2 dropout rate 0 → 0.5', 'Learning rate 0.001 → 0.01']);
  });

  it('names layers added and removed when the stacks differ', () => {
    const base = { ...defaultConfig(), layers: presetLayers('mlp') };
    const other = { ...base, layers: [...base.layers.slice(0, 2), { kind: 'dropout' as const, rate: 0.5 }, ...base.layers.slice(2)] };
    expect(configDifferences(base, other)).toEqual(['+ dropout(0.5)']);
  });

  it('label the first run as the baseline', () => {
    const config = defaultConfig();
    const labels = comparisonLabels([
      { name: 'A', config },
      { name: 'B', config: { ...config, seed: 1 } },
      { name: 'C', config },
    ]);
    expect(labels).toEqual(['A (baseline)', 'B: Seed 42 → 1', 'C: same settings']);
  });
});

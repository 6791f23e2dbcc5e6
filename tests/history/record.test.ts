import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import {
  comparisonLabels,
  configDifferences,
  epochsToCsv,
  keptEpoch,
  makeRecord,
  MAX_STORED_BATCHES,
  readRecord,
} from '../../src/history/record';
import { presetLayers } from '../../src/model/presets';

const scores = (loss: number, accuracy: number) => ({ loss, accuracy, precision: accuracy, recall: accuracy, f1: accuracy });

describe('run records', () => {
  it('keep at most 1,000 batch points, averaging longer curves', () => {
    const batches = Array.from({ length: 5000 }, (_, i) => ({ step: i + 1, epoch: 1, size: 32, loss: 1, accuracy: 0.5 }));
    const record = makeRecord({
      name: 'r',
      finishedAt: 0,
      config: defaultConfig(),
      datasetLabel: '',
      totalParams: 0,
      backend: null,
      outcome: 'done',
      batches,
      epochs: [],
      learningRateChanges: [],
      restoredEpoch: null,
    });
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
    expect(record?.config.learningRate).toBe(9.99);
    expect(record?.outcome).toBe('error');
  });
});

describe('the model a run kept', () => {
  const point = (epoch: number, loss: number) => ({ epoch, step: epoch * 10, train: { loss }, validation: { loss, r2: 0.5 } });
  it('is the epoch early stopping restored, not the last one trained', () => {
    const epochs = [point(1, 0.9), point(2, 0.5), point(3, 0.7)];
    expect(keptEpoch({ epochs, restoredEpoch: 2 })?.validation.loss).toBe(0.5);
    expect(keptEpoch({ epochs, restoredEpoch: null })?.epoch).toBe(3);
  });

  it('exports regression runs with MSE, MAE and R² columns', () => {
    const csv = epochsToCsv({
      epochs: [{ epoch: 1, step: 4, train: { loss: 2, mae: 1, r2: 0.1 }, validation: { loss: 3, mae: 1.5, r2: 0.2 } }],
    });
    expect(csv.split('\n')[0]).toBe('epoch,step,train_loss,train_mae,train_r2,val_loss,val_mae,val_r2');
  });

  it('reads back a run stored while training, and one that was interrupted', () => {
    const stored = {
      ...makeRecord({
        name: 'r',
        finishedAt: 0,
        config: defaultConfig(),
        datasetLabel: '',
        totalParams: 0,
        backend: null,
        outcome: 'running',
        batches: [],
        epochs: [],
        learningRateChanges: [],
        restoredEpoch: null,
      }),
      id: 3,
    };
    expect(readRecord(stored)?.outcome).toBe('running');
    expect(readRecord({ ...stored, outcome: 'interrupted' })?.outcome).toBe('interrupted');
  });
});

describe('comparing runs says what differs', () => {
  it('names a changed layer setting and a changed learning rate', () => {
    const base = {
      ...defaultConfig(),
      layers: [
        { kind: 'flatten' as const },
        { kind: 'dropout' as const, rate: 0 },
        { kind: 'dense' as const, units: 64, activation: 'relu' as const },
      ],
    };
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

import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { fitDefaults } from '../../src/config/fitDefaults';

const classes = (n: number) => ({ task: 'classification' as const, classes: Array.from({ length: n }, String) });

describe('settings fitted to the data', () => {
  it('gives a small table enough steps to learn, where 5 epochs of batch 64 gave iris 10 steps', () => {
    const { config, why } = fitDefaults(defaultConfig(), 'table', classes(3), 150);
    const trainRows = 150 * (1 - config.validationSplit);
    const steps = config.epochs * Math.ceil(trainRows / config.batchSize);
    expect(steps).toBeGreaterThanOrEqual(1_000);
    expect(config.layers.filter((l) => l.kind === 'dense')).toHaveLength(2);
    expect(config.learningRate).toBe(0.01);
    expect(config.earlyStopping).toBe(true);
    expect(why).toContain('150 rows predicting 3 classes');
    expect(why).toContain(`${config.epochs} epochs`);
  });

  it('scales batch and width with the rows, and says when the target is a number', () => {
    const big = fitDefaults(defaultConfig(), 'table', { task: 'regression', classes: [] }, 5_000);
    expect(big.config.batchSize).toBe(32);
    expect(big.config.epochs).toBeGreaterThanOrEqual(20);
    expect(big.why).toContain('predicting a number');
  });

  it('starts 2-D sets as TensorFlow Playground does, paced and until stopped', () => {
    const { config } = fitDefaults(defaultConfig(), 'plane', classes(2), 0);
    expect(config).toMatchObject({ optimizer: 'sgd', learningRate: 0.03, batchSize: 10, pace: 'watch', untilStopped: true });
  });

  it('gives images the CNN recipe and ends its runs by themselves', () => {
    const start = { ...defaultConfig(), untilStopped: true, learningRate: 0.03 };
    const { config } = fitDefaults(start, 'images', classes(10), 0);
    expect(config.layers[0].kind).toBe('conv2d');
    expect(config).toMatchObject({ learningRate: 0.001, batchSize: 64, epochs: 5, untilStopped: false });
  });
});

import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { configProblems, restoreConfig } from '../../src/config/restore';

describe('restoreConfig', () => {
  it('keeps a valid config as it is', () => {
    expect(restoreConfig(structuredClone(defaultConfig()))).toEqual({ config: defaultConfig(), notes: [] });
  });

  it('restores stored JSON field by field, ignoring prototype tricks', () => {
    const raw = JSON.parse(
      '{"__proto__": {"polluted": 1}, "constructor": {"x": 1}, "learningRate": 50, "optimizer": "rmsprop", "earlyStopping": "yes", "layers": [{"kind": "flatten"}, {"kind": "dense", "units": 1e9, "activation": "relu"}]}',
    );
    const { config, notes } = restoreConfig(raw);
    expect(config.optimizer).toBe('rmsprop');
    // Parameters left out are the named optimizer's defaults.
    expect(config.optimizerParams.rho).toBe(0.9);
    expect(config.optimizerParams.momentum).toBe(0);
    expect(config.learningRate).toBe(9.99);
    expect(config.earlyStopping).toBe(false);
    expect(config.layers).toEqual([{ kind: 'flatten' }, { kind: 'dense', units: 8192, activation: 'relu' }]);
    expect(notes).toEqual([
      'Learning rate: 50 is out of range (must be below 10); 9.99 is used.',
      'Early stopping: "yes" is not on or off; off is used.',
      'Layer 2 units: 1000000000 is out of range (must be at most 8192); 8192 is used.',
    ]);
    expect(configProblems(config)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('turns something that is not an object into the default experiment, with a note', () => {
    for (const raw of [null, 42, 'text', [1, 2]]) {
      const { config, notes } = restoreConfig(raw);
      expect(config).toEqual(defaultConfig());
      expect(notes).toHaveLength(1);
    }
  });

  it('keeps a frozen mark on layers with weights only, and says when one cannot be frozen', () => {
    const raw = {
      ...defaultConfig(),
      layers: [
        { kind: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu', frozen: true },
        { kind: 'maxPool2d', poolSize: 2, strides: 2, frozen: true },
        { kind: 'flatten' },
        { kind: 'dense', units: 8, activation: 'relu', frozen: 'yes' },
      ],
    };
    const { config, notes } = restoreConfig(raw);
    expect(config.layers.map((layer) => 'frozen' in layer && layer.frozen)).toEqual([true, false, false, false]);
    expect(notes).toEqual([
      'Layer 2 (maxPool2d): it cannot be frozen, so it trains.',
      'Layer 4 (dense): its frozen mark is not true or false, so it trains.',
    ]);
  });
});

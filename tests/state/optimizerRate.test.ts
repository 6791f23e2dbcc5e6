// Switching optimizers brings the new one's usual learning rate, unless the
// user had set a rate of their own.
import { beforeEach, describe, expect, it } from 'vitest';
import { setNumericSetting, setOptimizer } from '../../src/state/actions';
import { initialState, useAppStore } from '../../src/state/store';

beforeEach(() => useAppStore.setState(initialState()));

describe('setOptimizer', () => {
  it('applies the usual rate when the rate was the previous optimizer usual one', () => {
    expect(useAppStore.getState().config.learningRate).toBe(0.001);
    setOptimizer('sgd');
    expect(useAppStore.getState().config.learningRate).toBe(0.1);
    setOptimizer('adadelta');
    expect(useAppStore.getState().config.learningRate).toBe(1);
    setOptimizer('adam');
    expect(useAppStore.getState().config.learningRate).toBe(0.001);
  });

  it('keeps a rate the user chose', () => {
    setNumericSetting('learningRate', 0.02);
    setOptimizer('sgd');
    expect(useAppStore.getState().config.learningRate).toBe(0.02);
  });
});

import { describe, expect, it } from 'vitest';
import { parseSetting } from '../../src/config/validate';

describe('parseSetting refuses what makes no sense and says why', () => {
  it.each([
    ['batchSize', '-4', /at least 1/],
    ['batchSize', '3.5', /whole number/],
    ['batchSize', '', /Enter a number/],
    ['batchSize', 'abc', /not a number/],
    ['learningRate', '0', /above 0/],
    ['learningRate', '10', /below 10/],
    ['learningRate', '1e9', /below 10/],
    ['epochs', '0', /at least 1/],
    ['validationSplit', '0.95', /at most 0.9/],
    ['seed', '-1', /at least 0/],
  ] as const)('%s = "%s"', (name, text, reason) => {
    const result = parseSetting(name, text);
    expect('error' in result && result.error).toMatch(reason);
  });

  it.each([
    ['learningRate', '0.001', 0.001],
    ['learningRate', '1e-4', 1e-4],
    ['batchSize', ' 128 ', 128],
    ['epochs', '20', 20],
    ['validationSplit', '0.25', 0.25],
    ['seed', '0', 0],
  ] as const)('accepts %s = "%s"', (name, text, value) => {
    expect(parseSetting(name, text)).toEqual({ value });
  });
});

describe('optimizer parameters, weight decay and patience', () => {
  it.each([
    ['momentum', '1', /below 1/],
    ['beta2', '-0.1', /at least 0/],
    ['epsilon', '0', /above 0/],
    ['patience', '0', /at least 1/],
    ['patience', '2.5', /whole number/],
    ['weightDecay', '2', /at most 1/],
  ] as const)('%s = "%s" is refused', (name, text, reason) => {
    const result = parseSetting(name, text);
    expect('error' in result && result.error).toMatch(reason);
  });

  it.each([
    ['momentum', '0.99', 0.99],
    ['rho', '0', 0],
    ['epsilon', '1e-8', 1e-8],
    ['weightDecay', '0', 0],
    ['patience', '5', 5],
  ] as const)('accepts %s = "%s"', (name, text, value) => {
    expect(parseSetting(name, text)).toEqual({ value });
  });
});

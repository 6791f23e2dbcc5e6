import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import { configProblems } from '../../src/config/restore';
import type { LayerSpec } from '../../src/model/spec';
import { decodeExperiment, encodeExperiment, MAX_LINK_LENGTH } from '../../src/share/codec';
import { validConfig } from './arbitraries';

describe('experiment links', () => {
  it('carry the default experiment in well under 2,000 characters, with no notes', () => {
    const query = encodeExperiment(defaultConfig());
    expect(query.length).toBeLessThan(2000);
    expect(query).toMatch(/^v=1&ds=mnist-sample&m=conv2d\(8_5_1_valid_relu\)~maxPool2d\(2_2\)~/);
    expect(decodeExperiment(`?${query}`)).toEqual({ config: defaultConfig(), notes: [], found: true });
  });

  it('round-trip every valid experiment unchanged', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const query = encodeExperiment(config);
        expect(query.length).toBeLessThan(2000);
        const decoded = decodeExperiment(query);
        expect(decoded.notes).toEqual([]);
        expect(decoded.config).toEqual(config);
      }),
      { numRuns: 300 },
    );
  });

  it('compress a long experiment and still round-trip it', () => {
    const config = defaultConfig();
    config.layers = [
      { kind: 'flatten' },
      ...Array.from({ length: 30 }, (_, i): LayerSpec => ({
        kind: 'dense',
        units: 10 + i,
        activation: 'relu',
        l1: 0.000123456789,
        l2: 0.000654321987,
      })),
    ];
    const query = encodeExperiment(config);
    expect(query).toMatch(/^v=1&z=/);
    expect(query.length).toBeLessThan(2000);
    expect(decodeExperiment(query)).toEqual({ config, notes: [], found: true });
  });

  it('say nothing about a plain visit with no experiment in it', () => {
    expect(decodeExperiment('')).toEqual({ config: defaultConfig(), notes: [], found: false });
    expect(decodeExperiment('?e2e.maxTrain=64').found).toBe(false);
  });
});

describe('hostile or broken links', () => {
  const good = encodeExperiment(defaultConfig());

  it.each([
    ['truncated in the middle of the model', good.slice(0, 40), /Layer 2 .*unknown kind|model cannot be used/],
    ['a newer version', good.replace('v=1', 'v=9'), /version "9"/],
    ['no version', good.replace('v=1&', ''), /no version/],
    ['NaN learning rate', good.replace('lr=0.001', 'lr=NaN'), /Learning rate: "NaN" is not a number; 0.001 is used/],
    ['an out-of-range batch size', good.replace('bs=64', 'bs=-5'), /Batch size: -5 is out of range.*1 is used/],
    ['a fractional epoch count', good.replace('ep=5', 'ep=2.5'), /Epochs: 2.5 .*3 is used/],
    ['an unknown layer kind', 'v=1&m=flatten()~teleport(3)', /Layer 2: unknown kind "teleport"/],
    ['an unknown optimizer', 'v=1&opt=magic', /Optimizer: "magic" is not one of/],
    [
      '__proto__ and constructor keys',
      'v=1&__proto__=x&constructor=y&lr=0.01',
      /Unknown settings were ignored: "__proto__", "constructor"/,
    ],
    ['a billion-parameter model', `v=1&m=flatten()${'~dense(8192_relu)'.repeat(20)}`, /model cannot be used.*over the limit/],
    ['an enormous layer list', `v=1&m=${Array.from({ length: 1000 }, () => 'flatten()').join('~')}`, /1000 layers, more than 32/],
    ['a damaged compressed part', 'v=1&z=%%%garbage', /compressed part of the link is damaged/],
    ['an unknown dataset', 'v=1&ds=imagenet', /Dataset: "imagenet" is not a dataset this app knows/],
    ['a javascript: CSV address', 'v=1&ds=csv&src=url:javascript:alert(1)', /not an http\(s\) address/],
    ['an unknown sample', 'v=1&ds=csv&src=sample:secrets', /no sample CSV called "secrets"/],
    ['noise out of range', 'v=1&ds=synthetic&syn=spiral&noise=9&n=20', /Noise: 9 is out of range.*Number of points: 20 is out of range/],
    ['an unknown panel to hide', 'v=1&hide=model,secrets', /only data, model, settings/],
    ['a link too long to be read', `v=1&m=${'x'.repeat(MAX_LINK_LENGTH)}`, /too long/],
  ])('%s: a note, and a valid experiment', (_, query, note) => {
    const decoded = decodeExperiment(query);
    expect(decoded.notes.join(' ')).toMatch(note);
    expect(configProblems(decoded.config)).toEqual([]);
  });

  it('keep what was readable beside what was not', () => {
    const decoded = decodeExperiment('v=1&lr=banana&bs=32&opt=sgd&m=flatten()~dense(12_tanh)');
    expect(decoded.config).toMatchObject({
      batchSize: 32,
      optimizer: 'sgd',
      learningRate: 0.001,
      layers: [{ kind: 'flatten' }, { kind: 'dense', units: 12, activation: 'tanh' }],
    });
    expect(decoded.notes.filter((note) => !note.startsWith('The link does not say'))).toHaveLength(1);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('never throw and always yield a valid experiment, whatever the string', () => {
    const mutation = fc.tuple(fc.nat(good.length), fc.nat(40), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.webQueryParameters(),
          mutation.map(([at, cut, text]) => good.slice(0, at) + text + good.slice(at + cut)),
        ),
        (query) => {
          const decoded = decodeExperiment(query);
          expect(configProblems(decoded.config)).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

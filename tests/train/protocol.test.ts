import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/experiment';
import {
  isDataEvent,
  isFromWorker,
  isToWorker,
  PROTOCOL_VERSION,
  type DataEvent,
  type FromWorker,
  type ToWorker,
} from '../../src/train/protocol';

describe('worker protocol', () => {
  it('recognises every message kind in both directions', () => {
    const toWorker: ToWorker[] = [
      { type: 'start', runId: 1, version: PROTOCOL_VERSION, config: defaultConfig(), baseUrl: 'http://x/' },
      { type: 'preload', runId: 0, version: PROTOCOL_VERSION, config: defaultConfig(), baseUrl: 'http://x/' },
      { type: 'pause', runId: 1 },
      { type: 'resume', runId: 1 },
      { type: 'step', runId: 1 },
      { type: 'stop', runId: 1 },
      { type: 'set-learning-rate', runId: 1, learningRate: 0.01 },
      { type: 'set-pace', runId: 1, epochsPerSecond: 15 },
      {
        type: 'request',
        requestId: 3,
        version: PROTOCOL_VERSION,
        kind: 'inspect',
        ask: { kind: 'predict', input: [0, 1] },
        baseUrl: 'http://x/',
      },
      {
        type: 'request',
        requestId: 4,
        version: PROTOCOL_VERSION,
        kind: 'forest',
        ask: { config: defaultConfig(), trees: 5 },
        baseUrl: 'http://x/',
      },
    ];
    const fromWorker: FromWorker[] = [
      { type: 'phase', runId: 1, phase: 'loading-data' },
      {
        type: 'ready',
        runId: 1,
        backend: 'webgl',
        speeds: [],
        backendReason: 'test',
        task: 'classification',
        labelsFlipped: 0,
        fallbacks: [{ backend: 'webgpu', reason: 'slow' }],
        trainSamples: 8,
        validationSamples: 2,
        stepsPerEpoch: 1,
      },
      { type: 'progress', runId: 1, points: [{ step: 1, epoch: 1, size: 8, loss: 2.3, accuracy: 0.1 }], samplesPerSecond: 100 },
      {
        type: 'epoch-end',
        runId: 1,
        tensors: 12,
        point: {
          epoch: 1,
          step: 1,
          train: { loss: 1, accuracy: 0.5, precision: 0.5, recall: 0.5, f1: 0.5 },
          validation: { loss: 1, accuracy: 0.5, precision: 0.5, recall: 0.5, f1: 0.5 },
        },
      },
      { type: 'paused', runId: 1, step: 3 },
      { type: 'resumed', runId: 1 },
      { type: 'learning-rate', runId: 1, step: 7, learningRate: 0.01 },
      { type: 'done', runId: 1, reason: 'completed' },
      { type: 'error', runId: 1, message: 'boom' },
    ];
    for (const message of toWorker) {
      // Messages cross the worker boundary by structured clone: they must survive it unchanged.
      const copy = structuredClone(message);
      expect(copy).toEqual(message);
      expect(isToWorker(copy)).toBe(true);
      expect(isFromWorker(copy)).toBe(false);
    }
    for (const message of fromWorker) {
      const copy = structuredClone(message);
      expect(copy).toEqual(message);
      expect(isFromWorker(copy)).toBe(true);
    }
  });

  it('tells replies from run events', () => {
    const replies: DataEvent[] = [
      { type: 'reply-progress', requestId: 4, kind: 'forest', progress: { fraction: 0.5 } },
      { type: 'reply', requestId: 3, kind: 'inspect', answer: { kind: 'predict', outputs: [1] } },
      { type: 'reply-error', requestId: 3, message: 'no model' },
      { type: 'backend-choice', requestId: 0, choice: { backend: 'cpu', fallbacks: [], speeds: [], reason: 'test', partial: false } },
    ];
    for (const reply of replies) {
      expect(isDataEvent(structuredClone(reply))).toBe(true);
      expect(isFromWorker(reply)).toBe(false);
    }
    expect(isToWorker({ type: 'request', requestId: 1, kind: 'explode', ask: {} })).toBe(false);
  });

  it('rejects anything else', () => {
    for (const junk of [null, 1, 'start', {}, { type: 'start' }, { type: 'explode', runId: 1 }, { type: 'stop', runId: '1' }]) {
      expect(isToWorker(junk)).toBe(false);
      expect(isFromWorker(junk)).toBe(false);
    }
  });
});

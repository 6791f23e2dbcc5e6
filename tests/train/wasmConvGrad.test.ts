// The composed Conv2DBackpropFilter and Conv2DBackpropInput for WASM against
// the CPU backend's own kernels, on random shapes: strides, same/valid
// padding, kernel sizes, channel counts and batch sizes.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/rng';
import { registerWasmConvGrads } from '../../src/train/backends/wasmConvGrad';
import { withNodeWasm } from './nodeWasm';

withNodeWasm(registerWasmConvGrads);

interface Shape {
  batch: number;
  size: number;
  channels: number;
  filters: number;
  kernel: number;
  stride: number;
  padding: 'same' | 'valid';
  seed: number;
}

/** Gradients of sum(conv2d(x, w) * r) with respect to x and w, on `backend`. */
async function gradients(backend: 'cpu' | 'wasm', s: Shape): Promise<{ dx: Float32Array; dw: Float32Array }> {
  await tf.setBackend(backend);
  const rng = createRng(s.seed);
  const values = (n: number) => Float32Array.from({ length: n }, () => rng.next() * 2 - 1);
  const x = tf.tensor4d(values(s.batch * s.size * s.size * s.channels), [s.batch, s.size, s.size, s.channels]);
  const w = tf.tensor4d(values(s.kernel * s.kernel * s.channels * s.filters), [s.kernel, s.kernel, s.channels, s.filters]);
  const outShape = tf.conv2d(x, w, s.stride, s.padding).shape;
  const r = tf.tensor(values(outShape.reduce((a, b) => a * b, 1)), outShape);
  const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf
      .conv2d(a as tf.Tensor4D, b as tf.Tensor4D, s.stride, s.padding)
      .mul(r)
      .sum(),
  )([x, w]);
  const result = { dx: (await dx.data()) as Float32Array, dw: (await dw.data()) as Float32Array };
  tf.dispose([x, w, r, dx, dw]);
  return result;
}

function worst(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]) / Math.max(1, Math.abs(b[i]))), 0);
}

describe('convolution gradients on WASM', () => {
  it('is registered, so a CNN can train on WASM', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('matches the CPU backend on random shapes', async () => {
    const shapes = fc
      .record({
        batch: fc.integer({ min: 1, max: 5 }),
        size: fc.integer({ min: 1, max: 12 }),
        channels: fc.integer({ min: 1, max: 4 }),
        filters: fc.integer({ min: 1, max: 5 }),
        kernel: fc.integer({ min: 1, max: 5 }),
        stride: fc.integer({ min: 1, max: 3 }),
        padding: fc.constantFrom('same' as const, 'valid' as const),
        seed: fc.integer({ min: 0, max: 10_000 }),
      })
      .filter((s) => s.padding === 'same' || s.kernel <= s.size);
    await fc.assert(
      fc.asyncProperty(shapes, async (s) => {
        const cpu = await gradients('cpu', s);
        const wasm = await gradients('wasm', s);
        expect(worst(wasm.dw, cpu.dw), 'filter gradient').toBeLessThanOrEqual(1e-4);
        expect(worst(wasm.dx, cpu.dx), 'input gradient').toBeLessThanOrEqual(1e-4);
      }),
      { numRuns: 120, seed: 11 },
    );
  }, 60_000);

  it('leaves no tensor behind', async () => {
    await tf.setBackend('wasm');
    const x = tf.ones([2, 6, 6, 3]);
    const w = tf.ones([3, 3, 3, 4]);
    const before = tf.memory().numTensors;
    const dataBefore = tf.engine().backend.numDataIds();
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same').sum())([x, w]);
    await Promise.all([dx.data(), dw.data()]);
    tf.dispose([dx, dw]);
    expect(tf.memory().numTensors).toBe(before);
    // The composed kernels free their temporaries in WASM memory too.
    expect(tf.engine().backend.numDataIds()).toBe(dataBefore);
    tf.dispose([x, w]);
  });
});

// tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so no CNN can
// train on WASM. This registers one, composed from kernels WASM has: the
// filter gradient is a convolution of the transposed (padded) input with the
// transposed output gradient, where the forward strides become dilations:
//   dW[p, q, c, o] = sum over n, i, j of xpad[n, i*s + p, j*s + q, c] * dy[n, i, j, o]
//   = conv2d(X' = xpad^T [c, H, W, n], F' = dy^T [i, j, n, o], dilation s)[c, p, q, o]
import * as tf from '@tensorflow/tfjs';

type KernelFunc = (args: { inputs: Record<string, tf.TensorInfo>; backend: unknown; attrs?: Record<string, unknown> }) => tf.TensorInfo;

interface BackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

const KERNEL = 'Conv2DBackpropFilter';

function wasmKernel(name: string): KernelFunc {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`the WASM backend has no ${name} kernel`);
  return config.kernelFunc as unknown as KernelFunc;
}

/** The filter gradient `[kh, kw, ci, co]` of an NHWC conv2d, from WASM's own kernels. */
function conv2DBackpropFilter(args: { inputs: Record<string, tf.TensorInfo>; backend: unknown; attrs?: Record<string, unknown> }): tf.TensorInfo {
  const { x, dy } = args.inputs;
  const backend = args.backend as { disposeData(dataId: object): boolean };
  const attrs = args.attrs as unknown as BackpropFilterAttrs;
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on WASM supports NHWC only');
  const [kh, kw, ci, co] = attrs.filterShape;
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { top, bottom, left, right } = info.padInfo;
  const transpose = wasmKernel('Transpose');
  const pad = wasmKernel('PadV2');
  const conv = wasmKernel('Conv2D');
  const slice = wasmKernel('Slice');
  const temporaries: tf.TensorInfo[] = [];
  const keep = (t: tf.TensorInfo) => (temporaries.push(t), t);
  try {
    const padded = top || bottom || left || right ? keep(pad({ inputs: { x }, backend, attrs: { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 } })) : x;
    const input = keep(transpose({ inputs: { x: padded }, backend, attrs: { perm: [3, 1, 2, 0] } }));
    const filter = keep(transpose({ inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } }));
    const full = keep(
      conv({
        inputs: { x: input, filter },
        backend,
        attrs: { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth], dimRoundingMode: undefined },
      }),
    );
    // The convolution may reach past the kernel (rows the forward pass never used); keep [kh, kw].
    const cut = full.shape[1] === kh && full.shape[2] === kw ? full : keep(slice({ inputs: { x: full }, backend, attrs: { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] } }));
    return transpose({ inputs: { x: cut }, backend, attrs: { perm: [1, 2, 0, 3] } });
  } finally {
    for (const t of temporaries) backend.disposeData(t.dataId);
  }
}

/** Registers the kernel for the WASM backend (once; later calls do nothing). */
export function registerWasmConvGrads(): void {
  if (tf.getKernel(KERNEL, 'wasm')) return;
  tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc });
}

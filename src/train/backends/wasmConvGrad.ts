// tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so no CNN can
// train on WASM. This registers one, composed from kernels WASM has: the
// filter gradient is a convolution of the transposed (padded) input with the
// transposed output gradient, where the forward strides become dilations:
//   dW[p, q, c, o] = sum over n, i, j of xpad[n, i*s + p, j*s + q, c] * dy[n, i, j, o]
//   = conv2d(X' = xpad^T [c, H, W, n], F' = dy^T [i, j, n, o], dilation s)[c, p, q, o]
// Its Conv2DBackpropInput works but is slow (11.7 of the default CNN's 33 ms a
// step under Node), so the input gradient is composed too, from WASM's fast
// Conv2D: dy spread out by the strides and framed by kernel - 1 - padding,
// convolved with the filter turned 180 degrees and its channel axes swapped.
import * as tf from '@tensorflow/tfjs';
import { replaceWasmKernel, wasmKernel, withTemporaries, type KernelArgs, type KernelFunc } from './wasmKernels';

/** What both gradient kernels are told of the forward convolution. */
interface ConvGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

type BackpropFilterAttrs = ConvGradAttrs & { filterShape: [number, number, number, number] };
type BackpropInputAttrs = ConvGradAttrs & { inputShape: [number, number, number, number] };

const KERNEL = 'Conv2DBackpropFilter';
const INPUT_KERNEL = 'Conv2DBackpropInput';

/** The filter gradient `[kh, kw, ci, co]` of an NHWC conv2d, from WASM's own kernels. */
function conv2DBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const { x, dy } = args.inputs;
  const { backend } = args;
  const attrs = args.attrs as unknown as BackpropFilterAttrs;
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on WASM supports NHWC only');
  const [kh, kw, ci, co] = attrs.filterShape;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { top, bottom, left, right } = info.padInfo;
  const transpose = wasmKernel('Transpose');
  const pad = wasmKernel('PadV2');
  const conv = wasmKernel('Conv2D');
  const slice = wasmKernel('Slice');
  return withTemporaries(args, (keep) => {
    const padded =
      top || bottom || left || right
        ? keep(
            pad({
              inputs: { x },
              backend,
              attrs: {
                paddings: [
                  [0, 0],
                  [top, bottom],
                  [left, right],
                  [0, 0],
                ],
                constantValue: 0,
              },
            }),
          )
        : x;
    const input = keep(transpose({ inputs: { x: padded }, backend, attrs: { perm: [3, 1, 2, 0] } }));
    const filter = keep(transpose({ inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } }));
    const full = keep(
      conv({
        inputs: { x: input, filter },
        backend,
        attrs: {
          strides: [1, 1],
          pad: 'valid',
          dataFormat: 'NHWC',
          dilations: [info.strideHeight, info.strideWidth],
          dimRoundingMode: undefined,
        },
      }),
    );
    // The convolution may reach past the kernel (rows the forward pass never used); keep [kh, kw].
    const cut =
      full.shape[1] === kh && full.shape[2] === kw
        ? full
        : keep(slice({ inputs: { x: full }, backend, attrs: { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] } }));
    return transpose({ inputs: { x: cut }, backend, attrs: { perm: [1, 2, 0, 3] } });
  });
}

/**
 * The input gradient `[n, h, w, ci]` of an NHWC conv2d through WASM's Conv2D,
 * or WASM's own kernel (`original`) where the frame would be negative.
 */
function conv2DBackpropInput(args: KernelArgs, original: KernelFunc): tf.TensorInfo {
  const { dy, filter } = args.inputs;
  const { backend } = args;
  const attrs = args.attrs as unknown as BackpropInputAttrs;
  if (attrs.dataFormat === 'NCHW') return original(args);
  const [kh, kw, ci, co] = filter.shape;
  const info = tf.backend_util.computeConv2DInfo(attrs.inputShape, [kh, kw, ci, co], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  // dy spread by the strides is (oh - 1) * sh + 1 rows; framed, a valid convolution gives back the input's rows.
  const [spreadHeight, spreadWidth] = [(oh - 1) * sh + 1, (ow - 1) * sw + 1];
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  const bottom = info.inHeight + kh - 1 - top - spreadHeight;
  const right = info.inWidth + kw - 1 - left - spreadWidth;
  if (Math.min(top, left, bottom, right) < 0) return original(args);
  const [reshape, pad, slice, reverse, transpose, conv] = ['Reshape', 'PadV2', 'Slice', 'Reverse', 'Transpose', 'Conv2D'].map(wasmKernel);
  return withTemporaries(args, (keep) => {
    const n = dy.shape[0];
    let spread = dy;
    if (sh > 1 || sw > 1) {
      // Zeros between the rows and columns: [n, oh, 1, ow, 1, co] padded to [n, oh, sh, ow, sw, co], cut to the spread size.
      const apart = keep(reshape({ inputs: { x: dy }, backend, attrs: { shape: [n, oh, 1, ow, 1, co] } }));
      const gaps = keep(
        pad({
          inputs: { x: apart },
          backend,
          attrs: {
            paddings: [
              [0, 0],
              [0, 0],
              [0, sh - 1],
              [0, 0],
              [0, sw - 1],
              [0, 0],
            ],
            constantValue: 0,
          },
        }),
      );
      const joined = keep(reshape({ inputs: { x: gaps }, backend, attrs: { shape: [n, oh * sh, ow * sw, co] } }));
      spread = keep(slice({ inputs: { x: joined }, backend, attrs: { begin: [0, 0, 0, 0], size: [n, spreadHeight, spreadWidth, co] } }));
    }
    const framed =
      top || bottom || left || right
        ? keep(
            pad({
              inputs: { x: spread },
              backend,
              attrs: {
                paddings: [
                  [0, 0],
                  [top, bottom],
                  [left, right],
                  [0, 0],
                ],
                constantValue: 0,
              },
            }),
          )
        : spread;
    const turned = keep(reverse({ inputs: { x: filter }, backend, attrs: { dims: [0, 1] } }));
    const swapped = keep(transpose({ inputs: { x: turned }, backend, attrs: { perm: [0, 1, 3, 2] } }));
    return conv({
      inputs: { x: framed, filter: swapped },
      backend,
      attrs: { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined },
    });
  });
}

/** Registers both gradients for the WASM backend (once; later calls do nothing). */
export function registerWasmConvGrads(): void {
  if (!tf.getKernel(KERNEL, 'wasm'))
    tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc });
  replaceWasmKernel(INPUT_KERNEL, (original) => (args) => conv2DBackpropInput(args, original));
}

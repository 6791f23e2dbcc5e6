// tfjs-backend-wasm 4.22 multiplies a transposed operand far more slowly than
// a plain one, and every dense layer's gradients ask for one: dW = x^T dy
// (transposeA) and dx = dy W^T (transposeB). Measured under Node, one thread,
// x [64, 1024], W [1024, 1024]: transposeA 293 ms, the same with the transpose
// done first 7.7 ms; transposeB 58 ms against 19 ms. So the oversized MLP
// trained at 90 samples/s on WASM while it evaluated at 5,000. This wraps
// WASM's BatchMatMul and _FusedMatMul: a transposed operand is transposed by
// WASM's own Transpose kernel first, and the product is taken plainly.
import * as tf from '@tensorflow/tfjs';
import { replaceWasmKernel, wasmKernel, withTemporaries, type KernelFunc } from './wasmKernels';

/** `x` with its last two axes swapped, by WASM's Transpose kernel. */
function swapLastAxes(x: tf.TensorInfo, backend: unknown): tf.TensorInfo {
  const perm = x.shape.map((_, i) => i);
  const rank = perm.length;
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return wasmKernel('Transpose')({ inputs: { x }, backend, attrs: { perm } });
}

function plainProduct(original: KernelFunc): KernelFunc {
  return (args) => {
    const transposeA = Boolean(args.attrs?.transposeA);
    const transposeB = Boolean(args.attrs?.transposeB);
    if (!transposeA && !transposeB) return original(args);
    return withTemporaries(args, (keep) => {
      const plain = (x: tf.TensorInfo, transposed: boolean) => (transposed ? keep(swapLastAxes(x, args.backend)) : x);
      const inputs = { ...args.inputs, a: plain(args.inputs.a, transposeA), b: plain(args.inputs.b, transposeB) };
      return original({ ...args, inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    });
  };
}

/** Wraps WASM's matrix products (once; later calls do nothing). */
export function registerWasmMatMul(): void {
  for (const name of ['BatchMatMul', '_FusedMatMul']) replaceWasmKernel(name, plainProduct);
}

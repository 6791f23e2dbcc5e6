// tfjs-backend-wasm 4.22 multiplies a transposed operand far more slowly than
// a plain one, and every dense layer's gradients ask for one: dW = x^T dy
// (transposeA) and dx = dy W^T (transposeB). Measured under Node, one thread,
// x [64, 1024], W [1024, 1024]: transposeA 293 ms, the same with the transpose
// done first 7.7 ms; transposeB 58 ms against 19 ms. So the oversized MLP
// trained at 90 samples/s on WASM while it evaluated at 5,000. This wraps
// WASM's BatchMatMul and _FusedMatMul: a transposed operand is transposed by
// WASM's own Transpose kernel first, and the product is taken plainly.
import * as tf from '@tensorflow/tfjs';

type KernelArgs = { inputs: Record<string, tf.TensorInfo>; backend: unknown; attrs?: Record<string, unknown> };
type KernelFunc = (args: KernelArgs) => tf.TensorInfo;

const KERNELS = ['BatchMatMul', '_FusedMatMul'];
const wrappers = new WeakSet<object>();

/** `x` with its last two axes swapped, by WASM's Transpose kernel. */
function swapLastAxes(x: tf.TensorInfo, backend: unknown): tf.TensorInfo {
  const transpose = tf.getKernel('Transpose', 'wasm')?.kernelFunc as unknown as KernelFunc | undefined;
  if (!transpose) throw new Error('the WASM backend has no Transpose kernel');
  const perm = x.shape.map((_, i) => i);
  const rank = perm.length;
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return transpose({ inputs: { x }, backend, attrs: { perm } });
}

function plainProduct(original: KernelFunc): KernelFunc {
  return (args) => {
    const transposeA = Boolean(args.attrs?.transposeA);
    const transposeB = Boolean(args.attrs?.transposeB);
    if (!transposeA && !transposeB) return original(args);
    const backend = args.backend as { disposeData(dataId: object): boolean };
    const temporaries: tf.TensorInfo[] = [];
    const plain = (x: tf.TensorInfo, transposed: boolean) => {
      if (!transposed) return x;
      const swapped = swapLastAxes(x, backend);
      temporaries.push(swapped);
      return swapped;
    };
    try {
      const inputs = { ...args.inputs, a: plain(args.inputs.a, transposeA), b: plain(args.inputs.b, transposeB) };
      return original({ ...args, inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of temporaries) backend.disposeData(t.dataId);
    }
  };
}

/** Wraps WASM's matrix products (once; later calls do nothing). */
export function registerWasmMatMul(): void {
  for (const name of KERNELS) {
    const config = tf.getKernel(name, 'wasm');
    if (!config || wrappers.has(config.kernelFunc)) continue;
    const kernelFunc = plainProduct(config.kernelFunc as unknown as KernelFunc) as unknown as tf.KernelFunc;
    wrappers.add(kernelFunc);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...config, kernelFunc });
  }
}

/**
 * Slice for float32 tensors as a crop inside the wasm heap (WasmKernelScope.crop). The backend's own
 * Slice copies all of x out of the heap first and then copies one innermost row at a time: the
 * generator's fused upsample-convolution crops a one-pixel border off every output, which that
 * kernel did at ~8 ms per 64×30×30×1 batch against well under 1 ms here. Other dtypes keep the
 * original kernel.
 */
import type { Tf } from '../tf';
import { withKernelScope, type TensorInfo } from './kernelScope';
import type * as tfjs from '@tensorflow/tfjs';

export const SLICE = 'Slice';

interface SliceAttrs {
  readonly begin: number | number[];
  readonly size?: number | number[];
}

export function createSliceKernel(tf: Tf, original: tfjs.KernelConfig | undefined): tfjs.KernelConfig {
  if (!original) throw new Error("the wasm backend has no 'Slice' kernel, which genmon's training kernels need");
  return {
    kernelName: SLICE,
    backendName: 'wasm',
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      if (x.dtype !== 'float32' || x.shape.length === 0) return original.kernelFunc(args);
      const { begin, size } = args.attrs as unknown as SliceAttrs;
      const [beginAt, extent] = tf.slice_util.parseSliceParams(x, begin, size);
      tf.slice_util.assertParamsValid(x, beginAt ?? [], extent ?? []);
      return withKernelScope(tf, args.backend as tfjs.KernelBackend, (scope) => scope.crop(x, beginAt ?? [], extent ?? []));
    },
  };
}

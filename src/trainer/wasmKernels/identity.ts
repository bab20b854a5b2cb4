/**
 * Identity that shares its input's memory, as the backend's own Reshape does, instead of copying
 * it. tfjs runs Identity wherever a gradient passes through unchanged (adds, custom gradients,
 * clones): in a conv GAN step that was ~8 ms of copies. Sharing is safe because tensor memory is
 * never written in place; the backend counts the references and frees the memory with the last one.
 */
import type { TensorInfo } from './kernelScope';
import type * as tfjs from '@tensorflow/tfjs';

export const IDENTITY = 'Identity';

interface ReferenceCountingBackend {
  incRef(dataId: object): void;
}

export function createIdentityKernel(original: tfjs.KernelConfig | undefined): tfjs.KernelConfig {
  if (!original) throw new Error("the wasm backend has no 'Identity' kernel, which genmon's training kernels replace");
  return {
    kernelName: IDENTITY,
    backendName: 'wasm',
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      if (x.dtype === 'string') return original.kernelFunc(args);
      (args.backend as unknown as ReferenceCountingBackend).incRef(x.dataId);
      return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    },
  };
}

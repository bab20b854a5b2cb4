/**
 * Running wasm kernels from inside another wasm kernel.
 *
 * A kernel function receives raw TensorInfos and its backend, not tensors: calling tf ops there
 * would re-enter the engine (and record on the gradient tape) in the middle of a kernel. The
 * backend's own kernels call each other's kernel functions directly, and so do ours, through the
 * kernel registry. Every intermediate result is the caller's to free; this scope frees them all.
 */
import type { Tf } from '../tf';
import type * as tfjs from '@tensorflow/tfjs';

export type TensorInfo = tfjs.TensorInfo;
export type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

export const WASM_BACKEND = 'wasm';

/** The wasm backend's own methods for host-side data, beyond the generic KernelBackend. */
interface WasmBackendData {
  readSync(dataId: object): unknown;
  makeOutput(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): TensorInfo;
  /** A view of the tensor's memory inside the wasm heap (no copy); invalid once the heap grows. */
  typedArrayFromHeap(x: TensorInfo): Float32Array;
}

export class WasmKernelScope {
  private readonly intermediates: TensorInfo[] = [];

  constructor(
    private readonly tf: Tf,
    private readonly backend: tfjs.KernelBackend,
  ) {}

  /** Runs `kernelName` on the wasm backend; the result is freed by dispose() unless released. */
  run(kernelName: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown>): TensorInfo {
    const config = this.tf.getKernel(kernelName, WASM_BACKEND);
    if (!config) throw new Error(`the wasm backend has no '${kernelName}' kernel, which genmon's training kernels need`);
    const result = config.kernelFunc({ inputs, backend: this.backend, attrs } as unknown as Parameters<tfjs.KernelFunc>[0]);
    if (Array.isArray(result)) throw new Error(`the wasm '${kernelName}' kernel returned several outputs where one was expected`);
    this.intermediates.push(result);
    return result;
  }

  /** Several same-shaped tensors stacked along a new `axis`. */
  pack(xs: readonly TensorInfo[], axis: number): TensorInfo {
    const config = this.tf.getKernel('Pack', WASM_BACKEND);
    if (!config) throw new Error("the wasm backend has no 'Pack' kernel, which genmon's training kernels need");
    const result = config.kernelFunc({ inputs: [...xs], backend: this.backend, attrs: { axis } } as unknown as Parameters<tfjs.KernelFunc>[0]) as TensorInfo;
    this.intermediates.push(result);
    return result;
  }

  /** A float32 copy of a (small) tensor's values on the host. */
  read(x: TensorInfo): Float32Array {
    const values = (this.backend as unknown as WasmBackendData).readSync(x.dataId);
    if (!(values instanceof Float32Array)) throw new Error(`expected float32 data, got ${x.dtype}`);
    return values;
  }

  /** A new tensor in wasm memory holding `values`. */
  fromValues(values: Float32Array, shape: readonly number[]): TensorInfo {
    const result = (this.backend as unknown as WasmBackendData).makeOutput([...shape], 'float32', undefined, values);
    this.intermediates.push(result);
    return result;
  }

  transpose(x: TensorInfo, perm: readonly number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm: [...perm] });
  }

  reshape(x: TensorInfo, shape: readonly number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape: [...shape] });
  }

  /** Zero padding; `paddings` holds [before, after] per axis. */
  pad(x: TensorInfo, paddings: ReadonlyArray<readonly [number, number]>): TensorInfo {
    return this.run('PadV2', { x }, { paddings: paddings.map(([before, after]) => [before, after]), constantValue: 0 });
  }

  /**
   * A rectangular part of x, copied inside the heap in the longest contiguous runs its shape allows.
   * The backend's own Slice first copies all of x out of the heap, then copies one innermost row at
   * a time from JavaScript: for a crop of one-channel images that is one call per pixel.
   */
  crop(x: TensorInfo, begin: readonly number[], size: readonly number[]): TensorInfo {
    const shape = x.shape;
    if (x.dtype !== 'float32') throw new Error(`genmon's wasm crop expects float32 data, got ${x.dtype}`);
    if (begin.length !== shape.length || size.length !== shape.length || shape.some((extent, axis) => (begin[axis] ?? -1) < 0 || (size[axis] ?? -1) < 0 || (begin[axis] ?? 0) + (size[axis] ?? 0) > extent)) {
      throw new Error(`cannot crop [${size.join(', ')}] at [${begin.join(', ')}] out of a tensor of shape [${shape.join(', ')}]`);
    }
    const backend = this.backend as unknown as WasmBackendData;
    // Allocate first: making the output may grow the heap, which detaches older views of it.
    const result = backend.makeOutput([...size], 'float32');
    this.intermediates.push(result);
    const source = backend.typedArrayFromHeap(x);
    const target = backend.typedArrayFromHeap(result);
    // Axes after the last cropped one are copied whole, so they join the run.
    let cutAxis = shape.length - 1;
    while (cutAxis > 0 && size[cutAxis] === shape[cutAxis]) cutAxis--;
    const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
    const run = (size[cutAxis] ?? 0) * (strides[cutAxis] ?? 1);
    const outer = size.slice(0, cutAxis);
    const runs = outer.reduce((a, b) => a * b, 1);
    const index = outer.map(() => 0);
    for (let copied = 0; copied < runs; copied++) {
      let from = (begin[cutAxis] ?? 0) * (strides[cutAxis] ?? 1);
      for (let axis = 0; axis < cutAxis; axis++) from += ((begin[axis] ?? 0) + (index[axis] ?? 0)) * (strides[axis] ?? 1);
      target.set(source.subarray(from, from + run), copied * run);
      for (let axis = cutAxis - 1; axis >= 0; axis--) {
        const next = (index[axis] ?? 0) + 1;
        if (next < (outer[axis] ?? 0)) {
          index[axis] = next;
          break;
        }
        index[axis] = 0;
      }
    }
    return result;
  }

  reverse(x: TensorInfo, dims: readonly number[]): TensorInfo {
    return this.run('Reverse', { x }, { dims: [...dims] });
  }

  /** NHWC convolution with explicit padding; strides and dilations must not both exceed 1. */
  conv2d(x: TensorInfo, filter: TensorInfo, strides: [number, number], dilations: [number, number], pad: ExplicitPadding): TensorInfo {
    return this.run('Conv2D', { x, filter }, { strides, dilations, pad, dataFormat: 'NHWC', dimRoundingMode: undefined });
  }

  /** Per-channel convolution; `filter` is [height, width, channels, multiplier]. */
  depthwiseConv2d(x: TensorInfo, filter: TensorInfo, strides: [number, number], dilations: [number, number], pad: ExplicitPadding): TensorInfo {
    return this.run('DepthwiseConv2dNative', { x, filter }, { strides, dilations, pad, dataFormat: 'NHWC', dimRoundingMode: undefined });
  }

  sum(x: TensorInfo, axis: number): TensorInfo {
    return this.run('Sum', { x }, { axis: [axis], keepDims: false });
  }

  /** [batch, m, k] × [batch, k, n], neither transposed: the backend's transposed paths are plain loops. */
  matMul(a: TensorInfo, b: TensorInfo): TensorInfo {
    return this.run('BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
  }

  /** Keeps `result` alive past dispose(): it becomes the kernel's output. */
  release(result: TensorInfo): TensorInfo {
    const index = this.intermediates.lastIndexOf(result);
    if (index >= 0) this.intermediates.splice(index, 1);
    return result;
  }

  dispose(): void {
    // Reshape results share their input's data with a raised reference count, so each
    // disposeData call only drops one reference; the memory goes when the last one does.
    for (const info of this.intermediates) this.backend.disposeData(info.dataId);
    this.intermediates.length = 0;
  }
}

/** Runs `body` with a fresh scope and frees every intermediate except the returned result. */
export function withKernelScope(tf: Tf, backend: tfjs.KernelBackend, body: (scope: WasmKernelScope) => TensorInfo): TensorInfo {
  const scope = new WasmKernelScope(tf, backend);
  try {
    return scope.release(body(scope));
  } finally {
    scope.dispose();
  }
}

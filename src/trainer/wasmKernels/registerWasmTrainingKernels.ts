/**
 * Makes the wasm backend able to train convolutional models, and faster at it: registers the
 * missing Conv2DBackpropFilter kernel, replaces the slow Conv2DBackpropInput one and routes one-channel
 * Conv2D outputs around XNNPACK's weak spot, slices float32 tensors inside the heap and
 * makes Identity share memory instead of copying it. Only the
 * 'wasm' backend's entries in the kernel registry change; other backends keep their kernels.
 */
import type { Tf } from '../tf';
import { createConv2dBackpropFilterKernel, CONV2D_BACKPROP_FILTER } from './conv2dBackpropFilter';
import { createConv2dBackpropInputKernel, CONV2D_BACKPROP_INPUT } from './conv2dBackpropInput';
import { createConv2dKernel, CONV2D } from './conv2dOneOutputChannel';
import { WASM_BACKEND } from './kernelScope';
import { createIdentityKernel, IDENTITY } from './identity';
import { createSliceKernel, SLICE } from './slice';
import type * as tfjs from '@tensorflow/tfjs';

/** Marks our kernel configs so that a second registration (or a second trainer module) is a no-op. */
const GENMON_KERNEL = Symbol.for('genmon.wasmTrainingKernel');

type MarkedKernel = tfjs.KernelConfig & { [GENMON_KERNEL]?: true };

function isOurs(config: tfjs.KernelConfig | undefined): boolean {
  return (config as MarkedKernel | undefined)?.[GENMON_KERNEL] === true;
}

function install(tf: Tf, kernelName: string, create: (original: tfjs.KernelConfig | undefined) => tfjs.KernelConfig): void {
  const current = tf.getKernel(kernelName, WASM_BACKEND);
  if (isOurs(current)) return;
  const replacement: MarkedKernel = Object.assign(create(current), { [GENMON_KERNEL]: true as const });
  // registerKernel warns when the name is taken; replacing on purpose, so make room first.
  if (current) tf.unregisterKernel(kernelName, WASM_BACKEND);
  tf.registerKernel(replacement);
}

/** The kernel names this module provides for the wasm backend. */
export const WASM_TRAINING_KERNELS: readonly string[] = [CONV2D_BACKPROP_FILTER, CONV2D_BACKPROP_INPUT, CONV2D, SLICE, IDENTITY];

/**
 * Call after the wasm backend is ready (the kernels run the backend's own Conv2D, DepthwiseConv2dNative, BatchMatMul,
 * Pack, Sum, Transpose, Pad,
 * Reshape and Reverse). Safe to call any number of times.
 */
export function registerWasmTrainingKernels(tf: Tf): void {
  install(tf, CONV2D_BACKPROP_FILTER, () => createConv2dBackpropFilterKernel(tf));
  install(tf, CONV2D_BACKPROP_INPUT, (original) => createConv2dBackpropInputKernel(tf, original));
  install(tf, CONV2D, (original) => createConv2dKernel(tf, original));
  install(tf, SLICE, (original) => createSliceKernel(tf, original));
  install(tf, IDENTITY, (original) => createIdentityKernel(original));
}

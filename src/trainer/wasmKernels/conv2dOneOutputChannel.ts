/**
 * The forward NHWC convolution for one output channel (a generator's last layer on one-channel
 * images), where XNNPACK computes a block of output channels at a time and so wastes most of its
 * work. Split the filter by tap instead:
 *
 *   t[b, i, j, (kh, kw)] = Σ_ci x[b, i, j, ci] · W[kh, kw, ci, 0]          (a 1×1 convolution to kh·kw channels)
 *   y[b, oh, ow, 0]      = Σ_{kh,kw} t[b, oh·s + kh − padTop, ow·s + kw − padLeft, (kh, kw)]
 *
 * The second line is a depthwise convolution with one-hot filters (each channel keeps its own
 * tap) followed by a sum over the channels. Same multiply count, but XNNPACK runs the 1×1
 * convolution on kh·kw outputs at a time: 64×28×28×32 → 1 with a 3×3 filter fell from ~10 to ~4 ms.
 */
import type { Tf } from '../tf';
import { describeForwardConv, type ConvAttrs } from './convGeometry';
import { withKernelScope, type TensorInfo } from './kernelScope';
import type * as tfjs from '@tensorflow/tfjs';

export const CONV2D = 'Conv2D';

interface Conv2DAttrs extends ConvAttrs {
  readonly dilations?: number | [number, number];
}

/**
 * Below this many input channels the 1×1 convolution has too little to do to pay for the extra
 * depthwise pass and sum; the plain convolution is cheap there anyway.
 */
const MIN_IN_CHANNELS = 8;

function undilated(dilations: Conv2DAttrs['dilations']): boolean {
  if (dilations === undefined) return true;
  return typeof dilations === 'number' ? dilations === 1 : dilations[0] === 1 && dilations[1] === 1;
}

/** Returns undefined for the convolutions this path does not cover, which keep the backend's kernel. */
export function conv2dOneOutputChannelOnWasm(tf: Tf, backend: tfjs.KernelBackend, x: TensorInfo, filter: TensorInfo, attrs: Conv2DAttrs): TensorInfo | undefined {
  const [filterHeight = 0, filterWidth = 0, inChannels = 0, outChannels = 0] = filter.shape;
  if (outChannels !== 1 || filterHeight * filterWidth < 2 || inChannels < MIN_IN_CHANNELS || !undilated(attrs.dilations)) return undefined;
  const conv = describeForwardConv(tf, CONV2D, x.shape, filter.shape, attrs);
  const taps = filterHeight * filterWidth;
  return withKernelScope(tf, backend, (scope) => {
    // W is [tap, ci]; the 1×1 filter wants [ci, tap]. Filters are small: transpose on the host.
    const weights = scope.read(filter);
    const byTap = new Float32Array(inChannels * taps);
    for (let tap = 0; tap < taps; tap++) {
      for (let ci = 0; ci < inChannels; ci++) byTap[ci * taps + tap] = weights[tap * inChannels + ci] ?? 0;
    }
    const perTap = scope.conv2d(x, scope.fromValues(byTap, [1, 1, inChannels, taps]), [1, 1], [1, 1], [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    // oneHot[kh, kw, tap, 0] = 1 where tap = kh·filterWidth + kw.
    const oneHot = new Float32Array(taps * taps);
    for (let tap = 0; tap < taps; tap++) oneHot[tap * taps + tap] = 1;
    const shifted = scope.depthwiseConv2d(perTap, scope.fromValues(oneHot, [filterHeight, filterWidth, taps, 1]), [conv.strideHeight, conv.strideWidth], [1, 1], [
      [0, 0],
      [conv.padTop, conv.padBottom],
      [conv.padLeft, conv.padRight],
      [0, 0],
    ]);
    const [, outHeight, outWidth] = shifted.shape;
    if (outHeight !== conv.outHeight || outWidth !== conv.outWidth) {
      throw new Error(`genmon's wasm Conv2D kernel computed a ${outHeight}×${outWidth} output where ${conv.outHeight}×${conv.outWidth} was expected`);
    }
    return scope.reshape(scope.sum(shifted, 3), [conv.batch, conv.outHeight, conv.outWidth, 1]);
  });
}

/** `original` is the backend's own kernel, used for every convolution with more than one output channel. */
export function createConv2dKernel(tf: Tf, original: tfjs.KernelConfig | undefined): tfjs.KernelConfig {
  if (!original) throw new Error("the wasm backend has no 'Conv2D' kernel, which genmon's training kernels need");
  return {
    kernelName: CONV2D,
    backendName: 'wasm',
    // The original's setup binds its wasm function when the backend starts; keep that working.
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
    kernelFunc: (args) => {
      const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
      return conv2dOneOutputChannelOnWasm(tf, args.backend as tfjs.KernelBackend, x, filter, args.attrs as unknown as Conv2DAttrs) ?? original.kernelFunc(args);
    },
  };
}

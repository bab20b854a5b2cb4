/**
 * The filter gradient of an NHWC convolution, which the wasm backend lacks.
 *
 *   dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh − padTop, ow·s + kw − padLeft, ci] · dy[b, oh, ow, co]
 *
 * is itself a convolution: with x transposed to [ci, h, w, b] (the input channels become the
 * "batch", the batch becomes the contracted channels) and dy to [oh, ow, b, co] (a filter), a
 * stride-1 convolution *dilated* by the forward stride yields [ci, kh, kw, co]. That runs in the
 * backend's fast (XNNPACK) convolution; one transpose puts the result in filter order. Layers with
 * few output channels or narrow patches take one of the faster products below instead.
 */
import type { Tf } from '../tf';
import { describeForwardConv, fitTrailing, type ConvAttrs, type ForwardConv } from './convGeometry';
import { withKernelScope, type TensorInfo, type WasmKernelScope } from './kernelScope';
import type * as tfjs from '@tensorflow/tfjs';

export const CONV2D_BACKPROP_FILTER = 'Conv2DBackpropFilter';

interface BackpropFilterAttrs extends ConvAttrs {
  readonly filterShape: [number, number, number, number];
}

/** Up to this many output channels the shifted-gradient path below wins (its packed side is kh·kw·co wide). */
const MAX_SHIFTED_OUT_CHANNELS = 4;

/**
 * Up to this many patch entries (filterHeight · filterWidth · inChannels) the im2col path below
 * wins. The patches become the right-hand matrix of a product, which XNNPACK packs on every call
 * at a cost that grows faster than its width.
 */
const MAX_PATCH_WIDTH = 16;

/**
 * For few output channels (a generator's last layer: co = 1) the convolution below is slow: its
 * transpose of x costs more than the arithmetic, and XNNPACK wastes most of its work on a single
 * output channel. Instead, per tap, shift dy onto the input's grid,
 *
 *   g[b, i, j, (kh, kw, co)] = dy[b, i − kh + padTop, j − kw + padLeft, co]   (zero outside dy)
 *
 * (a cheap convolution of dy with one-hot filters), so that dW[kh, kw, ci, co] = Σ_{b,i,j} x · g:
 * the product xᵀ · g. g is the product's right-hand side because XNNPACK packs that one on every
 * call, and packing a narrow matrix is cheap; x's transpose as a 2-D matrix is the backend's fast
 * transpose. Stride 1 only: a stride would skip rows of x.
 */
function byShiftedGradient(scope: WasmKernelScope, x: TensorInfo, dy: TensorInfo, conv: ForwardConv, padBefore: [number, number]): TensorInfo {
  const { filterHeight, filterWidth, inChannels, outChannels } = conv;
  const shifts = filterHeight * filterWidth * outChannels;
  // oneHot[u, v, c, (kh, kw, co)] = 1 where u = filterHeight − 1 − kh, v = filterWidth − 1 − kw and c = co.
  const oneHot = new Float32Array(filterHeight * filterWidth * outChannels * shifts);
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const tap = (filterHeight - 1 - kh) * filterWidth + (filterWidth - 1 - kw);
      for (let co = 0; co < outChannels; co++) oneHot[(tap * outChannels + co) * shifts + (kh * filterWidth + kw) * outChannels + co] = 1;
    }
  }
  const shifted = scope.conv2d(dy, scope.fromValues(oneHot, [filterHeight, filterWidth, outChannels, shifts]), [1, 1], [1, 1], [
    [0, 0],
    [padBefore[0], conv.inHeight - conv.outHeight + conv.padTop],
    [padBefore[1], conv.inWidth - conv.outWidth + conv.padLeft],
    [0, 0],
  ]);
  const positions = conv.batch * conv.inHeight * conv.inWidth;
  const byChannel = scope.transpose(scope.reshape(x, [positions, inChannels]), [1, 0]);
  const product = scope.matMul(scope.reshape(byChannel, [1, inChannels, positions]), scope.reshape(shifted, [1, positions, shifts]));
  // product is [ci, (kh, kw, co)].
  return scope.transpose(scope.reshape(product, [inChannels, filterHeight, filterWidth, outChannels]), [1, 2, 0, 3]);
}

/**
 * For narrow patches (a critic's first layer on one-channel images: 4·4·1 = 16 entries) gather
 * them explicitly, im2col, with a convolution by one-hot filters that has the forward pass's own
 * stride and padding:
 *
 *   p[b, oh, ow, (kh, kw, ci)] = x[b, oh·s + kh − padTop, ow·s + kw − padLeft, ci]
 *
 * so that dW[(kh, kw, ci), co] = Σ_{b,oh,ow} p · dy: the product dyᵀ · p, p on the packed side.
 * The generic path below would run a convolution whose "filter" is all of dy and whose output
 * has only kh·kw positions, which XNNPACK does poorly.
 */
function byPatches(scope: WasmKernelScope, x: TensorInfo, dy: TensorInfo, conv: ForwardConv): TensorInfo {
  const { filterHeight, filterWidth, inChannels, outChannels } = conv;
  const width = filterHeight * filterWidth * inChannels;
  const oneHot = new Float32Array(width * width);
  // The filter [kh, kw, ci, (kh, kw, ci)] is the identity matrix on its flattened axes.
  for (let entry = 0; entry < width; entry++) oneHot[entry * width + entry] = 1;
  const patches = scope.conv2d(x, scope.fromValues(oneHot, [filterHeight, filterWidth, inChannels, width]), [conv.strideHeight, conv.strideWidth], [1, 1], [
    [0, 0],
    [conv.padTop, conv.padBottom],
    [conv.padLeft, conv.padRight],
    [0, 0],
  ]);
  const positions = conv.batch * conv.outHeight * conv.outWidth;
  const byOutChannel = scope.transpose(scope.reshape(dy, [positions, outChannels]), [1, 0]);
  const product = scope.matMul(scope.reshape(byOutChannel, [1, outChannels, positions]), scope.reshape(patches, [1, positions, width]));
  return scope.reshape(scope.transpose(scope.reshape(product, [outChannels, width]), [1, 0]), [filterHeight, filterWidth, inChannels, outChannels]);
}

/** Whether a convolution with the forward pass's explicit padding gives its output size (a dimRoundingMode may not). */
function reproducesOutput(conv: ForwardConv): boolean {
  const rows = Math.floor((conv.inHeight + conv.padTop + conv.padBottom - conv.filterHeight) / conv.strideHeight) + 1;
  const cols = Math.floor((conv.inWidth + conv.padLeft + conv.padRight - conv.filterWidth) / conv.strideWidth) + 1;
  return rows === conv.outHeight && cols === conv.outWidth;
}

export function conv2dBackpropFilterOnWasm(tf: Tf, backend: tfjs.KernelBackend, x: TensorInfo, dy: TensorInfo, attrs: BackpropFilterAttrs): TensorInfo {
  const conv = describeForwardConv(tf, CONV2D_BACKPROP_FILTER, x.shape, attrs.filterShape, attrs);
  const padBefore: [number, number] = [conv.filterHeight - 1 - conv.padTop, conv.filterWidth - 1 - conv.padLeft];
  const shiftable =
    conv.strideHeight === 1 &&
    conv.strideWidth === 1 &&
    conv.outChannels <= MAX_SHIFTED_OUT_CHANNELS &&
    padBefore[0] >= 0 &&
    padBefore[1] >= 0 &&
    conv.inHeight - conv.outHeight + conv.padTop >= 0 &&
    conv.inWidth - conv.outWidth + conv.padLeft >= 0;
  return withKernelScope(tf, backend, (scope) => {
    if (shiftable) return byShiftedGradient(scope, x, dy, conv, padBefore);
    if (conv.filterHeight * conv.filterWidth * conv.inChannels <= MAX_PATCH_WIDTH && reproducesOutput(conv)) return byPatches(scope, x, dy, conv);
    // The dilated window starts padTop rows above the input and spans (outHeight−1)·stride + filterHeight rows.
    const rows = fitTrailing(conv.inHeight, conv.padTop, (conv.outHeight - 1) * conv.strideHeight + conv.filterHeight);
    const cols = fitTrailing(conv.inWidth, conv.padLeft, (conv.outWidth - 1) * conv.strideWidth + conv.filterWidth);
    let input = scope.transpose(x, [3, 1, 2, 0]);
    if (rows.keep < conv.inHeight || cols.keep < conv.inWidth) {
      input = scope.crop(input, [0, 0, 0, 0], [conv.inChannels, rows.keep, cols.keep, conv.batch]);
    }
    const gradientAsFilter = scope.transpose(dy, [1, 2, 0, 3]);
    const byInputChannel = scope.conv2d(input, gradientAsFilter, [1, 1], [conv.strideHeight, conv.strideWidth], [
      [0, 0],
      [conv.padTop, rows.after],
      [conv.padLeft, cols.after],
      [0, 0],
    ]);
    return scope.transpose(byInputChannel, [1, 2, 0, 3]);
  });
}

export function createConv2dBackpropFilterKernel(tf: Tf): tfjs.KernelConfig {
  return {
    kernelName: CONV2D_BACKPROP_FILTER,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
      return conv2dBackpropFilterOnWasm(tf, backend as tfjs.KernelBackend, x, dy, attrs as unknown as BackpropFilterAttrs);
    },
  };
}

/**
 * The filter gradient of an NHWC convolution, which the wasm backend lacks.
 *
 *   dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh − padTop, ow·s + kw − padLeft, ci] · dy[b, oh, ow, co]
 *
 * is itself a convolution: with x transposed to [ci, h, w, b] (the input channels become the
 * "batch", the batch becomes the contracted channels) and dy to [oh, ow, b, co] (a filter), a
 * stride-1 convolution *dilated* by the forward stride yields [ci, kh, kw, co]. That runs in the
 * backend's fast (XNNPACK) convolution; one transpose puts the result in filter order.
 */
import type { Tf } from '../tf';
import { describeForwardConv, fitTrailing, type ConvAttrs } from './convGeometry';
import { withKernelScope, type TensorInfo } from './kernelScope';
import type * as tfjs from '@tensorflow/tfjs';

export const CONV2D_BACKPROP_FILTER = 'Conv2DBackpropFilter';

interface BackpropFilterAttrs extends ConvAttrs {
  readonly filterShape: [number, number, number, number];
}

export function conv2dBackpropFilterOnWasm(tf: Tf, backend: tfjs.KernelBackend, x: TensorInfo, dy: TensorInfo, attrs: BackpropFilterAttrs): TensorInfo {
  const conv = describeForwardConv(tf, CONV2D_BACKPROP_FILTER, x.shape, attrs.filterShape, attrs);
  return withKernelScope(tf, backend, (scope) => {
    // The dilated window starts padTop rows above the input and spans (outHeight−1)·stride + filterHeight rows.
    const rows = fitTrailing(conv.inHeight, conv.padTop, (conv.outHeight - 1) * conv.strideHeight + conv.filterHeight);
    const cols = fitTrailing(conv.inWidth, conv.padLeft, (conv.outWidth - 1) * conv.strideWidth + conv.filterWidth);
    let input = scope.transpose(x, [3, 1, 2, 0]);
    if (rows.keep < conv.inHeight || cols.keep < conv.inWidth) {
      input = scope.slice(input, [0, 0, 0, 0], [conv.inChannels, rows.keep, cols.keep, conv.batch]);
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

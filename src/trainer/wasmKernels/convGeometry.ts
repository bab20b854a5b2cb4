/**
 * The shape arithmetic shared by the convolution-gradient kernels: what a forward NHWC
 * convolution looked like (sizes, strides, the padding tfjs chose for 'same'/'valid'), in the
 * form the gradient kernels need it.
 */
import type { Tf } from '../tf';

export interface ForwardConv {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly padBottom: number;
  readonly padRight: number;
}

export interface ConvAttrs {
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
  readonly dataFormat?: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

export function describeForwardConv(
  tf: Tf,
  kernelName: string,
  inShape: readonly number[],
  filterShape: readonly number[],
  attrs: ConvAttrs,
): ForwardConv {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') {
    throw new Error(`genmon's wasm ${kernelName} kernel supports NHWC data only, not ${attrs.dataFormat}`);
  }
  if (inShape.length !== 4 || filterShape.length !== 4) {
    throw new Error(`genmon's wasm ${kernelName} kernel needs a rank-4 input and filter, got [${inShape.join(', ')}] and [${filterShape.join(', ')}]`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    inShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    padBottom: info.padInfo.bottom,
    padRight: info.padInfo.right,
  };
}

/**
 * Fitting `available` rows of data into a window that must span exactly `needed` rows after
 * `before` rows of leading zero padding: how many trailing zero rows to add, or, when the data
 * already runs past the window, how many rows of it to keep (the rest are never read).
 */
export function fitTrailing(available: number, before: number, needed: number): { readonly keep: number; readonly after: number } {
  const after = needed - before - available;
  return after >= 0 ? { keep: available, after } : { keep: available + after, after: 0 };
}

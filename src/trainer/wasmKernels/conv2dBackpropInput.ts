/**
 * The input gradient of an NHWC convolution (also the forward pass of a transposed convolution),
 * routed through the wasm backend's fast (XNNPACK) convolution instead of its plain-loop kernel.
 *
 *   dx[b, i, j, ci] = Σ_{kh, kw, co} dy[b, oh, ow, co] · W[kh, kw, ci, co],  where i + padTop = oh·s + kh
 *
 * Stride 1: a convolution of dy with the filter flipped in space and with its channel axes swapped,
 * padded by filterHeight − 1 − padTop above.
 *
 * Stride s > 1, by phases: the rows with (i + padTop) mod s = ρ only meet taps kh ≡ ρ (mod s), so
 * each of the s² phases is a stride-1 convolution of dy with a sub-filter W[ρh::s, ρw::s] (flipped,
 * channels swapped), and the phases interleave into dx. That costs the true multiply count; the
 * textbook alternative — convolving a dy dilated with s − 1 zeros — spends s² times as much on
 * zeros. It is kept for the rare shapes with a phase that no tap reaches (filter smaller than stride).
 */
import type { Tf } from '../tf';
import { describeForwardConv, fitTrailing, type ConvAttrs, type ForwardConv } from './convGeometry';
import { withKernelScope, type TensorInfo, type WasmKernelScope } from './kernelScope';
import type * as tfjs from '@tensorflow/tfjs';

export const CONV2D_BACKPROP_INPUT = 'Conv2DBackpropInput';

interface BackpropInputAttrs extends ConvAttrs {
  readonly inputShape: [number, number, number, number];
}

/** Taps of a filter of `size` that phase `phase` of stride `stride` meets: ⌈(size − phase) / stride⌉. */
function tapsOf(size: number, stride: number, phase: number): number {
  return Math.max(0, Math.ceil((size - phase) / stride));
}

/**
 * sub[u, v, co, ci] = W[ρh + sh·(U − 1 − u), ρw + sw·(V − 1 − v), ci, co]: the phase's taps, flipped,
 * channel axes swapped. Built on the host: filters are small next to the activations.
 */
function phaseFilter(weights: Float32Array, conv: ForwardConv, phaseRow: number, phaseCol: number): { values: Float32Array; shape: [number, number, number, number] } {
  const rows = tapsOf(conv.filterHeight, conv.strideHeight, phaseRow);
  const cols = tapsOf(conv.filterWidth, conv.strideWidth, phaseCol);
  const { inChannels, outChannels, filterWidth } = conv;
  const values = new Float32Array(rows * cols * outChannels * inChannels);
  let out = 0;
  for (let u = 0; u < rows; u++) {
    const kh = phaseRow + conv.strideHeight * (rows - 1 - u);
    for (let v = 0; v < cols; v++) {
      const kw = phaseCol + conv.strideWidth * (cols - 1 - v);
      const tap = (kh * filterWidth + kw) * inChannels * outChannels;
      for (let co = 0; co < outChannels; co++) {
        for (let ci = 0; ci < inChannels; ci++) values[out++] = weights[tap + ci * outChannels + co] ?? 0;
      }
    }
  }
  return { values, shape: [rows, cols, outChannels, inChannels] };
}

/**
 * When the stride divides the filter, every phase has the same taps, so one convolution with the
 * phase filters side by side on the output-channel axis computes all phases at once: XNNPACK runs
 * far faster on s²·ci outputs than on s² convolutions of ci (a 1-channel input gradient, as in a
 * critic's first layer, ~4× faster). The phases then interleave as a depth-to-space reshuffle.
 */
function byStackedPhases(scope: WasmKernelScope, dy: TensorInfo, weights: Float32Array, conv: ForwardConv, rowBlocks: number, colBlocks: number): TensorInfo {
  const { strideHeight, strideWidth, inChannels, outChannels } = conv;
  const taps = conv.filterHeight / strideHeight;
  const tapCols = conv.filterWidth / strideWidth;
  const phases = strideHeight * strideWidth;
  const stacked = new Float32Array(taps * tapCols * outChannels * phases * inChannels);
  for (let phaseRow = 0; phaseRow < strideHeight; phaseRow++) {
    for (let phaseCol = 0; phaseCol < strideWidth; phaseCol++) {
      const sub = phaseFilter(weights, conv, phaseRow, phaseCol).values;
      const channelOffset = (phaseRow * strideWidth + phaseCol) * inChannels;
      // sub is [taps, tapCols, co, ci]; the stacked filter is [taps, tapCols, co, phase·ci].
      for (let row = 0; row < taps * tapCols * outChannels; row++) {
        stacked.set(sub.subarray(row * inChannels, (row + 1) * inChannels), row * phases * inChannels + channelOffset);
      }
    }
  }
  const byPhase = scope.conv2d(dy, scope.fromValues(stacked, [taps, tapCols, outChannels, phases * inChannels]), [1, 1], [1, 1], [
    [0, 0],
    [taps - 1, rowBlocks - conv.outHeight],
    [tapCols - 1, colBlocks - conv.outWidth],
    [0, 0],
  ]);
  const split = scope.reshape(byPhase, [conv.batch, rowBlocks, colBlocks, strideHeight, strideWidth, inChannels]);
  return scope.reshape(scope.transpose(split, [0, 1, 3, 2, 4, 5]), [conv.batch, rowBlocks * strideHeight, colBlocks * strideWidth, inChannels]);
}

function byPhases(scope: WasmKernelScope, dy: TensorInfo, filter: TensorInfo, conv: ForwardConv): TensorInfo {
  const weights = scope.read(filter);
  // Rows q = i + padTop of the interleaved result are m·s + ρ for m < rowBlocks; likewise columns.
  const rowBlocks = Math.ceil((conv.inHeight + conv.padTop) / conv.strideHeight);
  const colBlocks = Math.ceil((conv.inWidth + conv.padLeft) / conv.strideWidth);
  const interleaved =
    conv.filterHeight % conv.strideHeight === 0 && conv.filterWidth % conv.strideWidth === 0
      ? byStackedPhases(scope, dy, weights, conv, rowBlocks, colBlocks)
      : bySeparatePhases(scope, dy, weights, conv, rowBlocks, colBlocks);
  if (conv.padTop === 0 && conv.padLeft === 0 && rowBlocks * conv.strideHeight === conv.inHeight && colBlocks * conv.strideWidth === conv.inWidth) return interleaved;
  return scope.crop(interleaved, [0, conv.padTop, conv.padLeft, 0], [conv.batch, conv.inHeight, conv.inWidth, conv.inChannels]);
}

function bySeparatePhases(scope: WasmKernelScope, dy: TensorInfo, weights: Float32Array, conv: ForwardConv, rowBlocks: number, colBlocks: number): TensorInfo {
  const rowsOfPhases: TensorInfo[] = [];
  for (let phaseRow = 0; phaseRow < conv.strideHeight; phaseRow++) {
    const colsOfPhases: TensorInfo[] = [];
    for (let phaseCol = 0; phaseCol < conv.strideWidth; phaseCol++) {
      const sub = phaseFilter(weights, conv, phaseRow, phaseCol);
      const [taps, tapCols] = sub.shape;
      colsOfPhases.push(
        scope.conv2d(dy, scope.fromValues(sub.values, sub.shape), [1, 1], [1, 1], [
          [0, 0],
          [taps - 1, rowBlocks - conv.outHeight],
          [tapCols - 1, colBlocks - conv.outWidth],
          [0, 0],
        ]),
      );
    }
    // Stacking phases on a new axis after the column axis interleaves them: column n·sw + ρw.
    const interleavedCols = scope.pack(colsOfPhases, 3);
    rowsOfPhases.push(scope.reshape(interleavedCols, [conv.batch, rowBlocks, colBlocks * conv.strideWidth, conv.inChannels]));
  }
  return scope.reshape(scope.pack(rowsOfPhases, 2), [conv.batch, rowBlocks * conv.strideHeight, colBlocks * conv.strideWidth, conv.inChannels]);
}

/** Interleaves s − 1 zero rows/columns after every row/column of dy: [b, oh·sh, ow·sw, c]. */
function dilate(scope: WasmKernelScope, dy: TensorInfo, strideHeight: number, strideWidth: number): TensorInfo {
  if (strideHeight === 1 && strideWidth === 1) return dy;
  const [batch = 0, height = 0, width = 0, channels = 0] = dy.shape;
  const spread = scope.reshape(dy, [batch, height, 1, width, 1, channels]);
  const padded = scope.pad(spread, [
    [0, 0],
    [0, 0],
    [0, strideHeight - 1],
    [0, 0],
    [0, strideWidth - 1],
    [0, 0],
  ]);
  return scope.reshape(padded, [batch, height * strideHeight, width * strideWidth, channels]);
}

function byDilation(scope: WasmKernelScope, dy: TensorInfo, filter: TensorInfo, conv: ForwardConv, padTop: number, padLeft: number): TensorInfo {
  let spread = dilate(scope, dy, conv.strideHeight, conv.strideWidth);
  const rows = fitTrailing(conv.outHeight * conv.strideHeight, padTop, conv.inHeight + conv.filterHeight - 1);
  const cols = fitTrailing(conv.outWidth * conv.strideWidth, padLeft, conv.inWidth + conv.filterWidth - 1);
  if (rows.keep < conv.outHeight * conv.strideHeight || cols.keep < conv.outWidth * conv.strideWidth) {
    spread = scope.crop(spread, [0, 0, 0, 0], [conv.batch, rows.keep, cols.keep, conv.outChannels]);
  }
  const flipped = scope.transpose(scope.reverse(filter, [0, 1]), [0, 1, 3, 2]);
  return scope.conv2d(spread, flipped, [1, 1], [1, 1], [
    [0, 0],
    [padTop, rows.after],
    [padLeft, cols.after],
    [0, 0],
  ]);
}

/** Returns undefined for padding the fast paths do not cover (more than filterSize − 1 before). */
export function conv2dBackpropInputOnWasm(
  tf: Tf,
  backend: tfjs.KernelBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  attrs: BackpropInputAttrs,
): TensorInfo | undefined {
  const conv = describeForwardConv(tf, CONV2D_BACKPROP_INPUT, attrs.inputShape, filter.shape, attrs);
  const padTop = conv.filterHeight - 1 - conv.padTop;
  const padLeft = conv.filterWidth - 1 - conv.padLeft;
  if (padTop < 0 || padLeft < 0) return undefined;
  const strided = conv.strideHeight > 1 || conv.strideWidth > 1;
  const everyPhaseHasTaps = conv.filterHeight >= conv.strideHeight && conv.filterWidth >= conv.strideWidth;
  return withKernelScope(tf, backend, (scope) =>
    strided && everyPhaseHasTaps ? byPhases(scope, dy, filter, conv) : byDilation(scope, dy, filter, conv, padTop, padLeft),
  );
}

/** `original` is the backend's own kernel, still used for paddings the fast paths do not cover. */
export function createConv2dBackpropInputKernel(tf: Tf, original: tfjs.KernelConfig | undefined): tfjs.KernelConfig {
  return {
    kernelName: CONV2D_BACKPROP_INPUT,
    backendName: 'wasm',
    // The original's setup binds its wasm function when the backend starts; keep that working.
    ...(original?.setupFunc ? { setupFunc: original.setupFunc } : {}),
    kernelFunc: (args) => {
      const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
      const fast = conv2dBackpropInputOnWasm(tf, args.backend as tfjs.KernelBackend, dy, filter, args.attrs as unknown as BackpropInputAttrs);
      if (fast) return fast;
      if (!original) throw new Error("genmon's wasm Conv2DBackpropInput kernel cannot handle this padding and the backend's own kernel is missing");
      return original.kernelFunc(args);
    },
  };
}

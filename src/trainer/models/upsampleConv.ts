/**
 * Nearest-neighbour 2× upsampling followed by a 3×3 'same' convolution, computed without
 * materialising the upsampled image. The two are one linear map; on the upsampled grid each output
 * row 2p−1 and 2p reads only input rows p−1 and p (1-D, k indexing the taps at offsets −1, 0, +1):
 *
 *   y[2p − 1] = (w₀ + w₁)·x[p − 1] + w₂·x[p]
 *   y[2p]     =  w₀·x[p − 1] + (w₁ + w₂)·x[p]
 *
 * so one 2×2 convolution of x (zero-padded by one pixel) with 4·co output channels — a "phase" filter per
 * (row parity, column parity), each a sum of the 3×3 taps — gives every output pixel, and a
 * depth-to-space rearrangement plus a one-pixel crop puts them in place. That is 16·ci·co
 * multiplies per input position instead of 36: about half the work for the forward pass and both
 * gradients (Shi et al. 2016 use the same sub-pixel rearrangement).
 *
 * The layer still owns an ordinary 3×3 filter (checkpoints and the PyTorch peer see the same
 * parameters); the phase filters are a fixed linear combination of it, so gradients, including the
 * second-order ones WGAN-GP needs, flow through ordinary tf ops.
 */
import type { Tensor, Tf } from '../tf';
import type * as tfjs from '@tensorflow/tfjs';

/**
 * TAPS[phase][tap][k]: how much 3×3 tap k contributes to 2×2 tap `tap` of the filter for output
 * rows of parity `phase`, where phase 0 is row 2p − 1 and phase 1 is row 2p (see above).
 */
const TAPS: readonly (readonly (readonly number[])[])[] = [
  [
    [1, 1, 0],
    [0, 0, 1],
  ],
  [
    [1, 0, 0],
    [0, 1, 1],
  ],
];

/**
 * The 16 × 9 matrix that maps a flattened 3×3 filter (row k, column l) to the phase filters,
 * rows ordered (tap row u, tap column v, row phase a, column phase c) so that a reshape and one
 * transpose give [2, 2, ci, (a, c, co)].
 */
function phaseCombination(): Float32Array {
  const matrix = new Float32Array(16 * 9);
  for (let u = 0; u < 2; u++) {
    for (let v = 0; v < 2; v++) {
      for (let a = 0; a < 2; a++) {
        for (let c = 0; c < 2; c++) {
          const row = ((u * 2 + v) * 2 + a) * 2 + c;
          for (let k = 0; k < 3; k++) {
            for (let l = 0; l < 3; l++) matrix[row * 9 + k * 3 + l] = (TAPS[a]?.[u]?.[k] ?? 0) * (TAPS[c]?.[v]?.[l] ?? 0);
          }
        }
      }
    }
  }
  return matrix;
}

const ONE_PIXEL_BORDER: [[number, number], [number, number], [number, number], [number, number]] = [
  [0, 0],
  [1, 1],
  [1, 1],
  [0, 0],
];

export type UpsampleConvOp = (x: Tensor, filter: Tensor, bias: Tensor) => Tensor;

/** conv2d(upsample2x(x), filter, 1, 'same') + bias for a [3, 3, ci, co] filter, x in NHWC. */
export function createUpsampleConvOp(tf: Tf): UpsampleConvOp {
  // Uploaded per call (144 numbers) so that the op owns no tensor and needs no disposal.
  const combinationValues = phaseCombination();
  return (x, filter, bias) =>
    tf.tidy(() => {
      const combination = tf.tensor2d(combinationValues, [16, 9]);
      const [batch = 0, height = 0, width = 0] = x.shape;
      const [filterHeight, filterWidth, inChannels = 0, outChannels = 0] = filter.shape;
      if (filterHeight !== 3 || filterWidth !== 3) throw new Error(`the fused upsample-convolution needs a 3×3 filter, got ${filterHeight}×${filterWidth}`);
      const phases = tf.reshape(tf.matMul(combination, tf.reshape(filter, [9, inChannels * outChannels])), [2, 2, 2, 2, inChannels, outChannels]);
      const phaseFilter = tf.reshape(tf.transpose(phases, [0, 1, 4, 2, 3, 5]), [2, 2, inChannels, 4 * outChannels]);
      // Explicit padding rather than tf.pad: the convolution's input gradient then comes out at
      // x's size, with no padded border to compute and crop away.
      const byPhase = tf.add(tf.conv2d(x as tfjs.Tensor4D, phaseFilter as tfjs.Tensor4D, 1, ONE_PIXEL_BORDER), tf.tile(bias, [4]));
      // byPhase[b, p, q, (a, c, co)] is output pixel [2p − 1 + a, 2q − 1 + c]: depth-to-space as
      // rank-4 reshapes and one transpose, whose gradients tfjs has.
      const rows = height + 1;
      const columns = width + 1;
      const interleaved = tf.reshape(
        tf.transpose(tf.reshape(byPhase, [batch * rows, columns, 2, 2 * outChannels]), [0, 2, 1, 3]),
        [batch, 2 * rows, 2 * columns, outChannels],
      );
      return tf.slice(interleaved, [0, 1, 1, 0], [batch, 2 * height, 2 * width, outChannels]);
    });
}

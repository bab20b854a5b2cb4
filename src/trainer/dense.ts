/**
 * A dense layer op, x·W + b, with a hand-written gradient.
 *
 * tfjs's own matMul gradient multiplies with transposeA/transposeB, which the wasm backend runs
 * about 10× slower than a plain matMul; transposing explicitly first made an MLP GAN ~3× faster
 * there (/work/shared/perf-notes.md). The maths is unchanged: dX = dY·Wᵀ, dW = Xᵀ·dY, db = Σ_rows dY.
 */
import type { Tensor, Tf } from './tf';

export type DenseOp = (x: Tensor, weights: Tensor, bias: Tensor) => Tensor;

export function createDenseOp(tf: Tf): DenseOp {
  const op = tf.customGrad((...args: unknown[]) => {
    const [x, weights, bias, save] = args as [Tensor, Tensor, Tensor, (tensors: Tensor[]) => void];
    save([x, weights]);
    return {
      value: tf.add(tf.matMul(x, weights), bias),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [savedX, savedWeights] = saved as [Tensor, Tensor];
        return [
          tf.matMul(dy, tf.transpose(savedWeights)),
          tf.matMul(tf.transpose(savedX), dy),
          tf.sum(dy, 0),
        ];
      },
    };
  });
  return (x, weights, bias) => op(x, weights, bias);
}

/**
 * How many values of a model's variables are NaN or ±Infinity: the plainest sign a run has
 * diverged, which losses can hide (a NaN weight in a dead unit leaves the loss finite for a while).
 * Counted on the backend with a single download, so a snapshot does not copy every weight to the
 * CPU to check it.
 */
import type { Tensor, Tf } from '../tf';

export const NON_FINITE_WEIGHTS_METRIC = 'nonFiniteWeights';

/**
 * Small variables are joined before counting: every op costs a fixed dispatch, and a model holds
 * dozens of biases and optimiser scalars (about 4× faster on wasm for the ring-8 GAN). The cap keeps
 * the joined copy a few MiB however large the model.
 */
const JOINED_VALUES = 1 << 20;

function groups(tensors: readonly Tensor[]): Tensor[][] {
  const result: Tensor[][] = [];
  let current: Tensor[] = [];
  let size = 0;
  for (const tensor of tensors) {
    if (current.length > 0 && size + tensor.size > JOINED_VALUES) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(tensor);
    size += tensor.size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

export function countNonFinite(tf: Tf, tensors: readonly Tensor[]): number {
  // Integer and boolean tensors hold no NaN or Infinity.
  const floats = tensors.filter((tensor) => tensor.dtype === 'float32' && tensor.size > 0);
  if (floats.length === 0) return 0;
  const total = tf.tidy(() =>
    tf.addN(
      groups(floats).map((group) => {
        const values = group.length === 1 ? (group[0] as Tensor) : tf.concat(group.map((tensor) => tensor.reshape([-1])));
        return tf.sum(tf.cast(tf.logicalNot(tf.isFinite(values)), 'int32'));
      }),
    ),
  );
  try {
    return (total.dataSync() as Int32Array)[0] ?? 0;
  } finally {
    total.dispose();
  }
}

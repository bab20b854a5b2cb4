/**
 * Exact Jacobians of a tfjs generator, after the fixed random projection, for a pool of latents.
 * Reverse mode gives one row of a Jacobian per backward pass; rather than m passes over the pool,
 * the pool is repeated m times in one batch, copy i projected onto projection row i, so a single
 * backward pass returns every row of every Jacobian. The pool goes through in chunks that bound
 * the batch, since the batch is m times the chunk.
 */
import type { ProjectionMatrix } from '../../core/magnet/randomProjection';
import type { Tensor, Tf } from '../tf';

/** What MaGNET needs of a generator; a GenerativeModel is one. Each sample must depend on its own latent only. */
export interface LatentGenerator {
  readonly latentDim: number;
  /** One sample's shape: the output is [n, ...sampleShape]. */
  readonly sampleShape: readonly number[];
  /** The caller disposes the result; must be differentiable with respect to `latent`. */
  generate(latent: Tensor): Tensor;
}

/** Output elements per backward pass: keeps a conv generator's activations to a few hundred MB. */
const OUTPUT_ELEMENTS_PER_PASS = 1 << 22;
const MAX_ROWS_PER_PASS = 8192;

/** [count, projection.rows, latentDim], row-major: J_n = P · ∂G(z_n)/∂z for each pool member n. */
export function projectedJacobians(tf: Tf, generator: LatentGenerator, latents: Float32Array, projection: ProjectionMatrix): Float32Array {
  const latentDim = generator.latentDim;
  const outputDim = generator.sampleShape.reduce((product, size) => product * size, 1);
  if (projection.outputDim !== outputDim) throw new RangeError(`projection is for ${projection.outputDim}-dimensional outputs, but the generator's samples have ${outputDim} values`);
  if (latents.length % latentDim !== 0) throw new RangeError(`latents (${latents.length} values) are not whole rows of the latent dimension ${latentDim}`);
  const count = latents.length / latentDim;
  const rows = projection.rows;
  const rowsPerPass = Math.min(MAX_ROWS_PER_PASS, Math.max(rows, Math.floor(OUTPUT_ELEMENTS_PER_PASS / outputDim)));
  const chunk = Math.max(1, Math.floor(rowsPerPass / rows));
  const out = new Float32Array(count * rows * latentDim);
  const directions = tf.tensor2d(projection.values, [rows, outputDim]);
  try {
    for (let start = 0; start < count; start += chunk) {
      const size = Math.min(chunk, count - start);
      const block = tf.tidy(() => {
        const z = tf.tensor2d(latents.subarray(start * latentDim, (start + size) * latentDim), [size, latentDim]);
        // Copy i of the chunk occupies rows [i·size, (i+1)·size) and is weighted by projection row i;
        // a batched matMul does the weighting (tiling the projection is very slow on the cpu backend).
        const repeated = tf.tile(z, [rows, 1]);
        const weighting = tf.reshape(directions, [rows, outputDim, 1]);
        const projectedSum = (input: Tensor): Tensor => {
          const output = generator.generate(input);
          if (output.size !== rows * size * outputDim) throw new RangeError(`generator returned ${output.size} values for ${rows * size} latents of ${outputDim}-value samples`);
          return tf.sum(tf.matMul(tf.reshape(output, [rows, size, outputDim]), weighting));
        };
        const gradient = tf.grad(projectedSum)(repeated);
        return tf.transpose(tf.reshape(gradient, [rows, size, latentDim]), [1, 0, 2]);
      });
      try {
        out.set(block.dataSync() as Float32Array, start * rows * latentDim);
      } finally {
        block.dispose();
      }
    }
  } finally {
    directions.dispose();
  }
  return out;
}

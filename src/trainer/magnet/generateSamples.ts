/** Samples of a generator for latents held in plain arrays, in batches so a big pool never sits in one tensor. */
import type { Tf } from '../tf';
import type { LatentGenerator } from './projectedJacobians';

const LATENTS_PER_BATCH = 512;

/** Row-major [count, ...sampleShape] samples for row-major [count, latentDim] latents. */
export function generateSamples(tf: Tf, generator: LatentGenerator, latents: Float32Array): Float32Array {
  const latentDim = generator.latentDim;
  const sampleSize = generator.sampleShape.reduce((product, size) => product * size, 1);
  if (latents.length % latentDim !== 0) throw new RangeError(`latents (${latents.length} values) are not whole rows of the latent dimension ${latentDim}`);
  const count = latents.length / latentDim;
  const out = new Float32Array(count * sampleSize);
  for (let start = 0; start < count; start += LATENTS_PER_BATCH) {
    const size = Math.min(LATENTS_PER_BATCH, count - start);
    const samples = tf.tidy(() => generator.generate(tf.tensor2d(latents.subarray(start * latentDim, (start + size) * latentDim), [size, latentDim])));
    try {
      if (samples.size !== size * sampleSize) throw new RangeError(`generator returned ${samples.size} values for ${size} samples of ${sampleSize} values`);
      out.set(samples.dataSync() as Float32Array, start * sampleSize);
    } finally {
      samples.dispose();
    }
  }
  return out;
}

/** The rows `indices` of a row-major array of rows of `width` values. */
export function gatherRows(values: Float32Array, width: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * width);
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i] as number;
    out.set(values.subarray(row * width, (row + 1) * width), i * width);
  }
  return out;
}

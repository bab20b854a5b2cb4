/**
 * What a snapshot asks of the model for its fixed sets: samples from the latent bank, the
 * discriminator's (or critic's) outputs on real and generated samples, and a VAE's posterior
 * means of the real samples. Computed in chunks so that a conv net on hundreds of images never
 * holds all their activations at once.
 */
import type { GenerativeModel } from '../models/model';
import type { Tensor, Tf } from '../tf';

const CHUNK_ROWS = 128;

export interface GeneratedOutputs {
  /** [rows, ...sampleShape] row-major. */
  readonly samples: Float32Array;
  /** [rows], when the model has a discriminator. */
  readonly discriminator: Float32Array | undefined;
}

function download(tf: Tf, tensor: Tensor): Float32Array {
  try {
    return tensor.dataSync() as Float32Array;
  } finally {
    tf.dispose(tensor);
  }
}

function sampleSize(shape: readonly number[]): number {
  return shape.reduce((product, side) => product * side, 1);
}

/** The model's samples (and discriminator outputs on them) for latent codes [rows, latentDim]. */
export function generateFromBank(tf: Tf, model: GenerativeModel, latent: Float32Array, rows: number): GeneratedOutputs {
  const size = sampleSize(model.sampleShape);
  const samples = new Float32Array(rows * size);
  const discriminator = model.discriminate ? new Float32Array(rows) : undefined;
  for (let start = 0; start < rows; start += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, rows - start);
    const z = tf.tensor2d(latent.subarray(start * model.latentDim, (start + count) * model.latentDim), [count, model.latentDim]);
    try {
      const generated = model.generate(z);
      try {
        samples.set(generated.dataSync() as Float32Array, start * size);
        if (discriminator && model.discriminate) discriminator.set(download(tf, model.discriminate(generated)), start);
      } finally {
        generated.dispose();
      }
    } finally {
      z.dispose();
    }
  }
  return { samples, discriminator };
}

/** Runs `apply` on [rows, ...sampleShape] samples chunk by chunk; each output row has `width` values. */
function perRealChunk(tf: Tf, model: GenerativeModel, real: Float32Array, rows: number, width: number, apply: (samples: Tensor) => Tensor): Float32Array {
  const size = sampleSize(model.sampleShape);
  const out = new Float32Array(rows * width);
  for (let start = 0; start < rows; start += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, rows - start);
    const samples = tf.tensor(real.subarray(start * size, (start + count) * size), [count, ...model.sampleShape]);
    try {
      out.set(download(tf, apply(samples)), start * width);
    } finally {
      samples.dispose();
    }
  }
  return out;
}

/** Discriminator logits or critic scores of real samples, [rows]; undefined for a model without one. */
export function discriminateReal(tf: Tf, model: GenerativeModel, real: Float32Array, rows: number): Float32Array | undefined {
  const discriminate = model.discriminate?.bind(model);
  return discriminate ? perRealChunk(tf, model, real, rows, 1, discriminate) : undefined;
}

/** A VAE's posterior means of real samples, [rows, latentDim]; undefined for a model without an encoder. */
export function encodeReal(tf: Tf, model: GenerativeModel, real: Float32Array, rows: number): Float32Array | undefined {
  const encode = model.encode?.bind(model);
  if (!encode) return undefined;
  return perRealChunk(tf, model, real, rows, model.latentDim, (samples) => {
    const { mean, logVariance } = encode(samples);
    logVariance.dispose();
    return mean;
  });
}

/**
 * A network is a differentiable function with named variables: a generator or decoder (latent →
 * output logits/values), a discriminator or critic (sample → score), or an encoder (sample → 2·latent).
 */
import type { Tensor } from '../tf';
import type { NamedVariable } from './model';

export interface Network {
  /** Call inside tf.tidy (or a gradient scope). */
  apply(input: Tensor): Tensor;
  readonly variables: readonly NamedVariable[];
  dispose(): void;
}

/** Elements of one sample: the product of its shape. */
export function sampleSize(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

/** Uniform(−limit, limit) with limit = √(6 / (fanIn + fanOut)) (Glorot & Bengio 2010), from the seeded source. */
export function glorotUniform(count: number, fanIn: number, fanOut: number, uniform: () => number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = (2 * uniform() - 1) * limit;
  return values;
}

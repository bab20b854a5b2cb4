/**
 * Fréchet distance between two Gaussians — the formula behind FID (Heusel et al. 2017):
 *
 *   d² = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₁ Σ₂)^{1/2}
 *
 * Σ₁Σ₂ is not symmetric, and a general matrix square root of it goes complex or NaN once the
 * covariances are near-singular (fewer samples than dimensions). It is similar to the symmetric
 * positive semi-definite S Σ₂ S with S = Σ₁^{1/2}, so tr (Σ₁Σ₂)^{1/2} = Σ √λᵢ(S Σ₂ S). S comes from
 * Σ₁'s eigen-decomposition and the λᵢ from a second one; eigenvalues that rounding pushes below 0
 * are clamped to 0. The reported value is d² (as FID reports), never below 0.
 */
import { columnMeans, momentsOf, type GaussianFit } from './linalg/featureMoments';
import { symmetricEigen } from './linalg/symmetricEigen';

/** Σ^{1/2} of a symmetric positive semi-definite matrix (negative eigenvalues clamped to 0). */
export function psdSquareRoot(matrix: Float64Array, dim: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, dim);
  const v = vectors as Float64Array;
  const root = new Float64Array(dim * dim);
  const scaled = new Float64Array(dim);
  for (let k = 0; k < dim; k++) scaled[k] = Math.sqrt(Math.max(0, values[k] as number));
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      let sum = 0;
      for (let k = 0; k < dim; k++) sum += (v[i * dim + k] as number) * (scaled[k] as number) * (v[j * dim + k] as number);
      root[i * dim + j] = sum;
      root[j * dim + i] = sum;
    }
  }
  return root;
}

/** tr (Σ₁Σ₂)^{1/2} given S = Σ₁^{1/2}. */
function traceOfProductRoot(rootA: Float64Array, covarianceB: Float64Array, dim: number): number {
  const temp = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let k = 0; k < dim; k++) {
      const s = rootA[i * dim + k] as number;
      if (s === 0) continue;
      for (let j = 0; j < dim; j++) temp[i * dim + j] = (temp[i * dim + j] as number) + s * (covarianceB[k * dim + j] as number);
    }
  }
  const product = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      let sum = 0;
      for (let k = 0; k < dim; k++) sum += (temp[i * dim + k] as number) * (rootA[k * dim + j] as number);
      product[i * dim + j] = sum;
      product[j * dim + i] = sum;
    }
  }
  const { values } = symmetricEigen(product, dim, { vectors: false });
  let trace = 0;
  for (const value of values) trace += Math.sqrt(Math.max(0, value));
  return trace;
}

/**
 * d² between two fits. `rootA` (Σ_A^{1/2}) may be passed when A is a fixed reference reused across
 * snapshots, saving one of the two eigen-decompositions.
 */
export function frechetFromFits(a: GaussianFit, b: GaussianFit, rootA?: Float64Array): number {
  if (a.dim !== b.dim) throw new RangeError(`feature dimensions differ: ${a.dim} vs ${b.dim}`);
  const dim = a.dim;
  let meanTerm = 0;
  let traceA = 0;
  let traceB = 0;
  for (let i = 0; i < dim; i++) {
    meanTerm += ((a.mean[i] as number) - (b.mean[i] as number)) ** 2;
    traceA += a.covariance[i * dim + i] as number;
    traceB += b.covariance[i * dim + i] as number;
  }
  const cross = traceOfProductRoot(rootA ?? psdSquareRoot(a.covariance, dim), b.covariance, dim);
  return Math.max(0, meanTerm + traceA + traceB - 2 * cross);
}

/** Fréchet distance (d²) between Gaussian fits of rows a [nA, dim] and b [nB, dim]. */
export function frechetDistance(a: Float32Array, nA: number, b: Float32Array, nB: number, dim: number): number {
  if (a.length < nA * dim || b.length < nB * dim) throw new RangeError('feature arrays are shorter than their shapes');
  const shift = columnMeans(a, nA, dim);
  return frechetFromFits(momentsOf(a, nA, dim, shift).fit(), momentsOf(b, nB, dim, shift).fit());
}

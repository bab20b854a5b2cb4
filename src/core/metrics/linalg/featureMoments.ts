/**
 * Count, sum and scatter (Σ x xᵀ) of float32 rows, accumulated in float64 around a fixed shift.
 * Moments add: the moments of a union of disjoint row sets are the sums of their moments, which
 * lets per-group Gaussian fits be assembled from one pass over the rows (see groupFrechet.ts).
 * The shift (normally the overall mean of the reference rows) keeps Σ x xᵀ − n μ μᵀ from losing
 * digits when the features sit far from the origin.
 */

export interface GaussianFit {
  readonly count: number;
  readonly dim: number;
  readonly mean: Float64Array;
  /** Unbiased (n − 1) covariance, row-major dim × dim. */
  readonly covariance: Float64Array;
}

export class FeatureMoments {
  count = 0;
  readonly sum: Float64Array;
  /** Upper triangle (j ≥ i) is filled while accumulating; the lower one when fitting. */
  readonly scatter: Float64Array;

  constructor(
    readonly dim: number,
    readonly shift: Float64Array = new Float64Array(dim),
  ) {
    this.sum = new Float64Array(dim);
    this.scatter = new Float64Array(dim * dim);
  }

  /** Adds row `row` of `data`; `centred` is scratch of length dim. */
  addRow(data: Float32Array, row: number, centred: Float64Array): void {
    const dim = this.dim;
    const base = row * dim;
    for (let c = 0; c < dim; c++) centred[c] = (data[base + c] as number) - (this.shift[c] as number);
    const sum = this.sum;
    const scatter = this.scatter;
    for (let i = 0; i < dim; i++) {
      const xi = centred[i] as number;
      sum[i] = (sum[i] as number) + xi;
      const offset = i * dim;
      for (let j = i; j < dim; j++) scatter[offset + j] = (scatter[offset + j] as number) + xi * (centred[j] as number);
    }
    this.count++;
  }

  addMoments(other: FeatureMoments): void {
    if (other.dim !== this.dim) throw new RangeError(`cannot add moments of dimension ${other.dim} to ${this.dim}`);
    this.count += other.count;
    for (let i = 0; i < this.dim; i++) this.sum[i] = (this.sum[i] as number) + (other.sum[i] as number);
    for (let i = 0; i < this.scatter.length; i++) this.scatter[i] = (this.scatter[i] as number) + (other.scatter[i] as number);
  }

  /** The Gaussian fit; needs at least two rows. */
  fit(): GaussianFit {
    const { count, dim } = this;
    if (count < 2) throw new RangeError(`a covariance needs at least 2 rows, got ${count}`);
    const centredMean = Float64Array.from(this.sum, (s) => s / count);
    const covariance = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) {
      for (let j = i; j < dim; j++) {
        const value = ((this.scatter[i * dim + j] as number) - count * (centredMean[i] as number) * (centredMean[j] as number)) / (count - 1);
        covariance[i * dim + j] = value;
        covariance[j * dim + i] = value;
      }
    }
    const mean = Float64Array.from(centredMean, (m, c) => m + (this.shift[c] as number));
    return { count, dim, mean, covariance };
  }
}

/** Moments of rows [0, n) (or the listed rows) of `data`. */
export function momentsOf(data: Float32Array, n: number, dim: number, shift?: Float64Array): FeatureMoments {
  const moments = new FeatureMoments(dim, shift);
  const scratch = new Float64Array(dim);
  for (let row = 0; row < n; row++) moments.addRow(data, row, scratch);
  return moments;
}

/** Column means of rows [0, n), in float64. */
export function columnMeans(data: Float32Array, n: number, dim: number): Float64Array {
  const mean = new Float64Array(dim);
  for (let row = 0; row < n; row++) for (let c = 0; c < dim; c++) mean[c] = (mean[c] as number) + (data[row * dim + c] as number);
  for (let c = 0; c < dim; c++) mean[c] = n > 0 ? (mean[c] as number) / n : 0;
  return mean;
}

/**
 * Exact two-component PCA: a fit (mean and the top two eigenvectors of the covariance) and a
 * projection of any rows onto it. Fitting on the fixed real reference and projecting everything
 * onto that basis keeps successive PCA frames aligned without any further step.
 */
export interface PcaBasis {
  readonly dim: number;
  readonly mean: Float64Array;
  /** Two unit vectors, row-major [2, dim]. */
  readonly components: Float64Array;
}

const SUBSPACE_ITERATIONS = 300;

export function fitPca(data: Float32Array, n: number, dim: number): PcaBasis {
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let c = 0; c < dim; c++) mean[c] = (mean[c] as number) + (data[i * dim + c] as number);
  if (n > 0) for (let c = 0; c < dim; c++) mean[c] = (mean[c] as number) / n;

  const covariance = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dim; c++) row[c] = (data[i * dim + c] as number) - (mean[c] as number);
    for (let r = 0; r < dim; r++) {
      const value = row[r] as number;
      if (value === 0) continue;
      const base = r * dim;
      for (let c = r; c < dim; c++) covariance[base + c] = (covariance[base + c] as number) + value * (row[c] as number);
    }
  }
  for (let r = 0; r < dim; r++) for (let c = 0; c < r; c++) covariance[r * dim + c] = covariance[c * dim + r] as number;

  return { dim, mean, components: topTwoEigenvectors(covariance, dim) };
}

/** Subspace iteration from a fixed start: deterministic, and exact to float precision on small matrices. */
function topTwoEigenvectors(matrix: Float64Array, dim: number): Float64Array {
  const count = Math.min(2, dim);
  const vectors = new Float64Array(2 * dim);
  // A start not orthogonal to any eigenvector in practice: a smooth, non-symmetric pattern.
  for (let v = 0; v < count; v++) for (let c = 0; c < dim; c++) vectors[v * dim + c] = Math.cos((c + 1) * (v + 1.37));
  orthonormalise(vectors, count, dim);
  const next = new Float64Array(2 * dim);
  for (let iteration = 0; iteration < SUBSPACE_ITERATIONS; iteration++) {
    next.fill(0);
    for (let v = 0; v < count; v++) {
      for (let r = 0; r < dim; r++) {
        let sum = 0;
        for (let c = 0; c < dim; c++) sum += (matrix[r * dim + c] as number) * (vectors[v * dim + c] as number);
        next[v * dim + r] = sum;
      }
    }
    vectors.set(next);
    orthonormalise(vectors, count, dim);
  }
  // Eigenvectors are defined up to sign: make the largest entry positive so equal data gives equal frames.
  for (let v = 0; v < count; v++) {
    let largest = 0;
    for (let c = 0; c < dim; c++) if (Math.abs(vectors[v * dim + c] as number) > Math.abs(largest)) largest = vectors[v * dim + c] as number;
    if (largest < 0) for (let c = 0; c < dim; c++) vectors[v * dim + c] = -(vectors[v * dim + c] as number);
  }
  return vectors;
}

function orthonormalise(vectors: Float64Array, count: number, dim: number): void {
  for (let v = 0; v < count; v++) {
    for (let u = 0; u < v; u++) {
      let dot = 0;
      for (let c = 0; c < dim; c++) dot += (vectors[v * dim + c] as number) * (vectors[u * dim + c] as number);
      for (let c = 0; c < dim; c++) vectors[v * dim + c] = (vectors[v * dim + c] as number) - dot * (vectors[u * dim + c] as number);
    }
    let norm = 0;
    for (let c = 0; c < dim; c++) norm += (vectors[v * dim + c] as number) ** 2;
    norm = Math.sqrt(norm);
    // A zero vector (rank-deficient data) stays zero: those points all project to the same coordinate.
    if (norm > 1e-300) for (let c = 0; c < dim; c++) vectors[v * dim + c] = (vectors[v * dim + c] as number) / norm;
  }
}

/** Projects `n` rows onto the basis, writing [x, y] pairs into `out` starting at row `outRow`. */
export function projectOntoPca(basis: PcaBasis, data: Float32Array, n: number, out: Float32Array, outRow: number): void {
  const { dim, mean, components } = basis;
  for (let i = 0; i < n; i++) {
    let x = 0;
    let y = 0;
    for (let c = 0; c < dim; c++) {
      const value = (data[i * dim + c] as number) - (mean[c] as number);
      x += value * (components[c] as number);
      y += value * (components[dim + c] as number);
    }
    out[2 * (outRow + i)] = x;
    out[2 * (outRow + i) + 1] = y;
  }
}

/** Rescales a layout about its centre so its largest coordinate magnitude is `extent` (UMAP starts from ±10). */
export function scaleToExtent(coordinates: Float32Array, extent: number): void {
  const n = coordinates.length / 2;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += coordinates[2 * i] as number;
    cy += coordinates[2 * i + 1] as number;
  }
  cx /= Math.max(1, n);
  cy /= Math.max(1, n);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    largest = Math.max(largest, Math.abs((coordinates[2 * i] as number) - cx), Math.abs((coordinates[2 * i + 1] as number) - cy));
  }
  const factor = largest > 0 ? extent / largest : 1;
  for (let i = 0; i < n; i++) {
    coordinates[2 * i] = ((coordinates[2 * i] as number) - cx) * factor;
    coordinates[2 * i + 1] = ((coordinates[2 * i + 1] as number) - cy) * factor;
  }
}

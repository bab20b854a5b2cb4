/**
 * Synthetic evaluator-like features for the projection and metrics benches: points near one of
 * several cluster centres, spread along a low-dimensional basis per cluster, plus isotropic noise.
 */
import type { SeededRandom } from '../../src/core/projection/random';

/** Dimensions of each cluster's own structure. */
export const INTRINSIC = 4;

export function writeClusterPoint(
  out: Float32Array,
  row: number,
  dim: number,
  cluster: number,
  centres: Float32Array,
  bases: Float32Array[],
  random: SeededRandom,
  noise: number,
): void {
  const basis = bases[cluster] as Float32Array;
  const z = Array.from({ length: INTRINSIC }, () => gaussian(random));
  for (let c = 0; c < dim; c++) {
    let value = (centres[cluster * dim + c] as number) + noise * gaussian(random);
    for (let j = 0; j < INTRINSIC; j++) value += (z[j] as number) * (basis[j * dim + c] as number);
    out[row * dim + c] = value;
  }
}

export function gaussianMatrix(random: SeededRandom, rows: number, cols: number, scale: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = scale * gaussian(random);
  return out;
}

export function gaussian(random: SeededRandom): number {
  const u = Math.max(random.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

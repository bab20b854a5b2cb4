/**
 * The MaGNET volume element of a generator at one latent point: the product of the k largest
 * singular values of its Jacobian, i.e. how much the generator stretches a small k-dimensional
 * latent patch. Kept as a logarithm because products of many singular values over- or underflow.
 */
import { symmetricEigen } from '../metrics/linalg/symmetricEigen';

/**
 * log ∏ σ_i over the k largest singular values of J (row-major [rows, cols]). The singular values
 * are the square roots of the eigenvalues of the smaller Gram matrix (JᵀJ or JJᵀ). A Jacobian that
 * is rank-deficient within its top k has zero volume: −Infinity.
 */
export function logVolumeElement(jacobian: ArrayLike<number>, rows: number, cols: number, k: number): number {
  if (!(Number.isInteger(rows) && rows >= 1 && Number.isInteger(cols) && cols >= 1)) throw new RangeError(`Jacobian shape must be positive integers, got ${rows} × ${cols}`);
  if (jacobian.length !== rows * cols) throw new RangeError(`expected a ${rows} × ${cols} Jacobian (${rows * cols} values), got ${jacobian.length} values`);
  const rank = Math.min(rows, cols);
  if (!(Number.isInteger(k) && k >= 1 && k <= rank)) throw new RangeError(`k must be an integer from 1 to ${rank} for a ${rows} × ${cols} Jacobian, got ${k}`);
  for (let i = 0; i < jacobian.length; i++) {
    if (!Number.isFinite(jacobian[i] as number)) throw new RangeError(`Jacobian entry ${i} is not finite (${jacobian[i]})`);
  }
  const gram = smallerGram(jacobian, rows, cols);
  const { values } = symmetricEigen(gram, rank, { vectors: false });
  let logVolume = 0;
  for (let i = rank - k; i < rank; i++) {
    const eigenvalue = values[i] as number;
    // Round-off can push a zero eigenvalue of a Gram matrix slightly below zero.
    if (!(eigenvalue > 0)) return -Infinity;
    logVolume += 0.5 * Math.log(eigenvalue);
  }
  return logVolume;
}

/**
 * Log volume elements of a pool of Jacobians stored back to back ([count, rows, cols]), the layout
 * the trainer's Jacobian computation returns.
 */
export function logVolumeElements(jacobians: ArrayLike<number>, count: number, rows: number, cols: number, k: number): Float64Array {
  const size = rows * cols;
  if (jacobians.length !== count * size) throw new RangeError(`expected ${count} Jacobians of ${rows} × ${cols} (${count * size} values), got ${jacobians.length} values`);
  const out = new Float64Array(count);
  const one = new Float64Array(size);
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < size; i++) one[i] = jacobians[n * size + i] as number;
    out[n] = logVolumeElement(one, rows, cols, k);
  }
  return out;
}

/** JᵀJ when J has at least as many rows as columns, else JJᵀ: the same non-zero eigenvalues, in a smaller matrix. */
function smallerGram(jacobian: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const tall = rows >= cols;
  const n = tall ? cols : rows;
  const inner = tall ? rows : cols;
  const at = tall ? (i: number, r: number) => jacobian[r * cols + i] as number : (i: number, c: number) => jacobian[i * cols + c] as number;
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let t = 0; t < inner; t++) sum += at(i, t) * at(j, t);
      gram[i * n + j] = sum;
      gram[j * n + i] = sum;
    }
  }
  return gram;
}

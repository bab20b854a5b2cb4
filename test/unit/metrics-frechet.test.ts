import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frechetDistance, frechetFromFits, psdSquareRoot } from '../../src/core/metrics/frechet';
import type { GaussianFit } from '../../src/core/metrics/linalg/featureMoments';
import { symmetricEigen } from '../../src/core/metrics/linalg/symmetricEigen';
import { createRandom } from '../../src/core/projection/random';

function gaussian(random: { next(): number }): number {
  return Math.sqrt(-2 * Math.log(Math.max(random.next(), 1e-12))) * Math.cos(2 * Math.PI * random.next());
}

function fit(mean: number[], covariance: number[]): GaussianFit {
  return { count: 1000, dim: mean.length, mean: Float64Array.from(mean), covariance: Float64Array.from(covariance) };
}

/** Rows x = μ + L z with z standard normal. */
function sample(n: number, mean: number[], factor: number[], seed: number): Float32Array {
  const dim = mean.length;
  const random = createRandom(seed);
  const out = new Float32Array(n * dim);
  const z = new Array<number>(dim);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dim; c++) z[c] = gaussian(random);
    for (let r = 0; r < dim; r++) {
      let value = mean[r] as number;
      for (let c = 0; c < dim; c++) value += (factor[r * dim + c] as number) * (z[c] as number);
      out[i * dim + r] = value;
    }
  }
  return out;
}

test('the symmetric eigen-decomposition reconstructs the matrix with orthonormal vectors', () => {
  const random = createRandom(4);
  for (const n of [1, 2, 7, 40]) {
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = random.next() - 0.5;
    const { values, vectors } = symmetricEigen(a, n);
    const v = vectors as Float64Array;
    for (let i = 1; i < n; i++) assert.ok((values[i] as number) >= (values[i - 1] as number), 'ascending');
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let reconstructed = 0;
        let dot = 0;
        for (let k = 0; k < n; k++) {
          reconstructed += (v[i * n + k] as number) * (values[k] as number) * (v[j * n + k] as number);
          dot += (v[k * n + i] as number) * (v[k * n + j] as number);
        }
        assert.ok(Math.abs(reconstructed - (a[i * n + j] as number)) < 1e-12, `A[${i},${j}] of ${n}×${n}`);
        assert.ok(Math.abs(dot - (i === j ? 1 : 0)) < 1e-12, `orthonormal ${n}×${n}`);
      }
    }
  }
});

test('the eigen solver rejects a non-finite matrix instead of looping', () => {
  assert.throws(() => symmetricEigen(Float64Array.from([1, NaN, NaN, 1]), 2), /non-finite/);
});

test('the PSD square root squares back to the matrix and clamps negative rounding', () => {
  const root = psdSquareRoot(Float64Array.from([5, 2, 2, 2]), 2);
  const squared = [0, 0, 0, 0].map((_, index) => {
    const i = index >> 1;
    const j = index & 1;
    return (root[i * 2] as number) * (root[j] as number) + (root[i * 2 + 1] as number) * (root[2 + j] as number);
  });
  assert.deepEqual(squared.map((x) => Math.round(x * 1e9) / 1e9), [5, 2, 2, 2]);
  const singular = psdSquareRoot(Float64Array.from([1, 1, 1, 1 - 1e-17]), 2);
  assert.ok(Array.from(singular).every(Number.isFinite));
});

test('Fréchet distance of diagonal Gaussians is ‖Δμ‖² + Σ (σ₁ − σ₂)²', () => {
  const d = frechetFromFits(fit([1, 2], [4, 0, 0, 9]), fit([0, 0], [1, 0, 0, 1]));
  // 1 + 4 + (2 − 1)² + (3 − 1)² = 10
  assert.ok(Math.abs(d - 10) < 1e-9, `got ${d}`);
});

test('Fréchet distance of non-commuting 2×2 covariances matches the closed form', () => {
  const a = [2, 1, 1, 3];
  const b = [1, -0.5, -0.5, 2];
  // For 2×2, tr √M = √(tr M + 2 √det M) with M = Σ₁Σ₂ (eigenvalues of Σ₁Σ₂ are real and ≥ 0).
  const product = [a[0]! * b[0]! + a[1]! * b[2]!, a[0]! * b[1]! + a[1]! * b[3]!, a[2]! * b[0]! + a[3]! * b[2]!, a[2]! * b[1]! + a[3]! * b[3]!];
  const trace = product[0]! + product[3]!;
  const det = product[0]! * product[3]! - product[1]! * product[2]!;
  const expected = 0.25 + (2 + 3) + (1 + 2) - 2 * Math.sqrt(trace + 2 * Math.sqrt(det));
  const d = frechetFromFits(fit([0.5, 0], a), fit([0, 0], b));
  assert.ok(Math.abs(d - expected) < 1e-9, `got ${d}, expected ${expected}`);
});

test('identical feature sets are at distance ~0', () => {
  const rows = sample(600, [3, -1, 0.5, 2], [1, 0, 0, 0, 0.5, 1, 0, 0, 0, 0.2, 1, 0, 0.1, 0, 0.3, 1], 8);
  const d = frechetDistance(rows, 600, rows, 600, 4);
  assert.ok(d >= 0 && d < 1e-9, `got ${d}`);
});

test('samples of two known Gaussians approach the closed-form distance', () => {
  const n = 20000;
  const a = sample(n, [0, 0, 0], [1, 0, 0, 0, 2, 0, 0, 0, 1], 1);
  const b = sample(n, [1, 1, 0], [2, 0, 0, 0, 2, 0, 0, 0, 0.5], 2);
  // ‖Δμ‖² = 2; (1 − 2)² + (2 − 2)² + (1 − 0.5)² = 1.25
  const d = frechetDistance(a, n, b, n, 3);
  assert.ok(Math.abs(d - 3.25) < 0.12, `got ${d}`);
});

test('fewer rows than dimensions still gives a finite, non-negative distance', () => {
  const a = sample(10, new Array(32).fill(0), identity(32), 3);
  const b = sample(10, new Array(32).fill(0.5), identity(32), 4);
  const d = frechetDistance(a, 10, b, 10, 32);
  assert.ok(Number.isFinite(d) && d > 0);
});

function identity(n: number): number[] {
  return Array.from({ length: n * n }, (_, i) => (Math.floor(i / n) === i % n ? 1 : 0));
}

/**
 * Eigen-decomposition of a real symmetric matrix (float64, row-major n × n): Householder reduction
 * to tridiagonal form, then the implicit QL iteration with Wilkinson-style shifts. Both steps are
 * orthogonal transformations, so the result is backward stable — what the Fréchet distance's matrix
 * square root needs when covariances are nearly singular (fewer samples than dimensions). Jacobi
 * would be as accurate but several times slower at 64 × 64.
 */

export interface SymmetricEigen {
  /** Ascending. */
  readonly values: Float64Array;
  /** Column j (vectors[i·n + j]) is the unit eigenvector of values[j]; absent when not asked for. */
  readonly vectors?: Float64Array;
}

const MAX_SWEEPS_PER_VALUE = 60;

export function symmetricEigen(matrix: Float64Array, n: number, options: { readonly vectors?: boolean } = {}): SymmetricEigen {
  if (!(Number.isInteger(n) && n >= 0) || matrix.length !== n * n) throw new RangeError(`expected a ${n} × ${n} matrix, got ${matrix.length} values`);
  for (let i = 0; i < matrix.length; i++) if (!Number.isFinite(matrix[i] as number)) throw new RangeError('matrix has a non-finite entry');
  const wantVectors = options.vectors ?? true;
  const a = Float64Array.from(matrix);
  const q = wantVectors ? identity(n) : null;
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(n);
  tridiagonalize(a, n, q, diagonal, offDiagonal);
  implicitQl(diagonal, offDiagonal, n, q);
  return sortAscending(diagonal, q, n);
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

/**
 * A = Q T Qᵀ with T tridiagonal: diagonal d, sub-diagonal e (e[i] couples i and i+1). Step k
 * reflects rows/columns k+1.. so column k has zeros below its sub-diagonal; H = I − 2vvᵀ, and
 * H A H = A − 2(v wᵀ + w vᵀ) with p = A v, w = p − (vᵀp) v.
 */
function tridiagonalize(a: Float64Array, n: number, q: Float64Array | null, d: Float64Array, e: Float64Array): void {
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm += (a[i * n + k] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const head = a[(k + 1) * n + k] as number;
    const alpha = head > 0 ? -norm : norm;
    let vNorm = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = (a[i * n + k] as number) - (i === k + 1 ? alpha : 0);
      vNorm += (v[i] as number) ** 2;
    }
    vNorm = Math.sqrt(vNorm);
    if (vNorm === 0) continue;
    for (let i = k + 1; i < n; i++) v[i] = (v[i] as number) / vNorm;
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      let sum = 0;
      for (let j = k + 1; j < n; j++) sum += (a[i * n + j] as number) * (v[j] as number);
      p[i] = sum;
      vp += (v[i] as number) * sum;
    }
    for (let i = k + 1; i < n; i++) p[i] = (p[i] as number) - vp * (v[i] as number);
    for (let i = k + 1; i < n; i++) {
      const vi = v[i] as number;
      const wi = p[i] as number;
      for (let j = k + 1; j < n; j++) a[i * n + j] = (a[i * n + j] as number) - 2 * (vi * (p[j] as number) + wi * (v[j] as number));
    }
    a[(k + 1) * n + k] = alpha;
    a[k * n + k + 1] = alpha;
    for (let i = k + 2; i < n; i++) {
      a[i * n + k] = 0;
      a[k * n + i] = 0;
    }
    if (q) {
      // Q ← Q H: each row r of Q loses 2 (row_r · v) vᵀ.
      for (let r = 0; r < n; r++) {
        let dot = 0;
        for (let j = k + 1; j < n; j++) dot += (q[r * n + j] as number) * (v[j] as number);
        if (dot === 0) continue;
        for (let j = k + 1; j < n; j++) q[r * n + j] = (q[r * n + j] as number) - 2 * dot * (v[j] as number);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    d[i] = a[i * n + i] as number;
    e[i] = i + 1 < n ? (a[(i + 1) * n + i] as number) : 0;
  }
}

/**
 * Implicit QL on the tridiagonal (d, e): chases a bulge up from the bottom of each unreduced block
 * with Givens rotations until the coupling e[l] is negligible; rotations are accumulated into q's
 * columns. Converges cubically; a block that has not converged after many sweeps is an error.
 */
function implicitQl(d: Float64Array, e: Float64Array, n: number, q: Float64Array | null): void {
  for (let l = 0; l < n; l++) {
    for (let sweep = 0; ; sweep++) {
      let m = l;
      for (; m < n - 1; m++) {
        const scale = Math.abs(d[m] as number) + Math.abs(d[m + 1] as number);
        if (Math.abs(e[m] as number) <= Number.EPSILON * scale) break;
      }
      if (m === l) break;
      if (sweep >= MAX_SWEEPS_PER_VALUE) throw new Error('symmetric eigen-decomposition did not converge');
      let g = ((d[l + 1] as number) - (d[l] as number)) / (2 * (e[l] as number));
      let r = Math.hypot(g, 1);
      g = (d[m] as number) - (d[l] as number) + (e[l] as number) / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * (e[i] as number);
        const b = c * (e[i] as number);
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = (d[i + 1] as number) - p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = (d[i + 1] as number) - p;
        r = ((d[i] as number) - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (q) {
          for (let row = 0; row < n; row++) {
            const upper = q[row * n + i + 1] as number;
            const lower = q[row * n + i] as number;
            q[row * n + i + 1] = s * lower + c * upper;
            q[row * n + i] = c * lower - s * upper;
          }
        }
      }
      if (underflow) continue;
      d[l] = (d[l] as number) - p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

function sortAscending(d: Float64Array, q: Float64Array | null, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => (d[x] as number) - (d[y] as number));
  const values = Float64Array.from(order, (i) => d[i] as number);
  if (!q) return { values };
  const vectors = new Float64Array(n * n);
  for (let row = 0; row < n; row++) for (let j = 0; j < n; j++) vectors[row * n + j] = q[row * n + (order[j] as number)] as number;
  return { values, vectors };
}

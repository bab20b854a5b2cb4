/**
 * Generators whose manifold and output density are known in closed form, to verify MaGNET
 * (tests, scripts/magnet-demo.ts): each maps z ~ N(0, I) through u = Φ(z), which is uniform, and
 * then through a power that piles samples up at one end, and can say where a sample lies on its
 * manifold in coordinates in which the uniform distribution is flat.
 */
import type { Tensor, Tf } from '../tf';
import type { LatentGenerator } from './projectedJacobians';

export interface KnownManifold extends LatentGenerator {
  readonly name: string;
  /** Dimensions of the manifold (1 for a curve, 2 for a region). */
  readonly manifoldDim: number;
  /** Row-major [n, manifoldDim] positions in [0, 1], uniform on the manifold when uniform here, for samples [n, ...sampleShape]. */
  positions(samples: Float32Array): Float64Array;
}

/** Φ, the standard normal CDF, differentiably. */
function normalCdf(tf: Tf, z: Tensor): Tensor {
  return tf.mul(0.5, tf.add(1, tf.erf(tf.div(z, Math.SQRT2))));
}

/**
 * A half circle of radius 1, embedded in `ambientDim` dimensions (2 or more) along two fixed
 * orthonormal directions. The angle is π·Φ(z)^exponent, so ordinary samples crowd towards angle 0
 * (density ∝ s^(1/exponent − 1) in arc-length fraction s); uniform means s ~ U(0, 1).
 */
export function halfCircleManifold(tf: Tf, options: { readonly exponent?: number; readonly ambientDim?: number } = {}): KnownManifold {
  const exponent = options.exponent ?? 3;
  const ambientDim = options.ambientDim ?? 2;
  if (!(Number.isInteger(ambientDim) && ambientDim >= 2)) throw new RangeError(`ambient dimension must be an integer of at least 2, got ${ambientDim}`);
  const basis = orthonormalPair(ambientDim);
  return {
    name: `half circle in ${ambientDim}-D, angle π·Φ(z)^${exponent}`,
    latentDim: 1,
    sampleShape: [ambientDim],
    manifoldDim: 1,
    generate: (latent) =>
      tf.tidy(() => {
        const angle = tf.mul(Math.PI, tf.pow(normalCdf(tf, latent), exponent));
        const plane = tf.concat([tf.cos(angle), tf.sin(angle)], 1);
        return tf.matMul(plane, tf.tensor2d(Float32Array.from(basis), [2, ambientDim]));
      }),
    positions: (samples) => {
      const count = samples.length / ambientDim;
      const out = new Float64Array(count);
      for (let n = 0; n < count; n++) {
        let x = 0;
        let y = 0;
        for (let d = 0; d < ambientDim; d++) {
          x += (samples[n * ambientDim + d] as number) * (basis[d] as number);
          y += (samples[n * ambientDim + d] as number) * (basis[ambientDim + d] as number);
        }
        out[n] = clampUnit(Math.atan2(Math.max(0, y), x) / Math.PI);
      }
      return out;
    },
  };
}

/** The unit square, filled as (Φ(z₁)^a, Φ(z₂)^b): ordinary samples crowd towards the corner (0, 0). */
export function skewedSquareManifold(tf: Tf, exponents: readonly [number, number] = [2, 3]): KnownManifold {
  return {
    name: `unit square, (Φ(z₁)^${exponents[0]}, Φ(z₂)^${exponents[1]})`,
    latentDim: 2,
    sampleShape: [2],
    manifoldDim: 2,
    generate: (latent) =>
      tf.tidy(() => {
        const [first, second] = tf.split(normalCdf(tf, latent), 2, 1) as [Tensor, Tensor];
        return tf.concat([tf.pow(first, exponents[0]), tf.pow(second, exponents[1])], 1);
      }),
    positions: (samples) => Float64Array.from(samples, clampUnit),
  };
}

/** Two orthonormal vectors (row-major [2, dim]) spread over every coordinate, so a projection cannot ignore them. */
function orthonormalPair(dim: number): Float64Array {
  const basis = new Float64Array(2 * dim);
  if (dim === 2) return Float64Array.of(1, 0, 0, 1);
  let normFirst = 0;
  for (let d = 0; d < dim; d++) {
    basis[d] = Math.cos(0.7 * d + 0.3);
    normFirst += (basis[d] as number) ** 2;
  }
  for (let d = 0; d < dim; d++) basis[d] = (basis[d] as number) / Math.sqrt(normFirst);
  let overlap = 0;
  for (let d = 0; d < dim; d++) {
    basis[dim + d] = Math.sin(1.3 * d + 0.1);
    overlap += (basis[dim + d] as number) * (basis[d] as number);
  }
  let normSecond = 0;
  for (let d = 0; d < dim; d++) {
    basis[dim + d] = (basis[dim + d] as number) - overlap * (basis[d] as number);
    normSecond += (basis[dim + d] as number) ** 2;
  }
  for (let d = 0; d < dim; d++) basis[dim + d] = (basis[dim + d] as number) / Math.sqrt(normSecond);
  return basis;
}

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

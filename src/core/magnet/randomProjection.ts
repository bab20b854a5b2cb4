/**
 * The fixed random projection that keeps Jacobians small: images have thousands of output
 * dimensions, but the volume element only needs the geometry of the k largest directions, which a
 * Gaussian projection to m dimensions preserves approximately (Johnson–Lindenstrauss).
 */
import { projectedRows } from './options';
import type { MagnetRandom } from './randomStreams';

export interface ProjectionMatrix {
  /** Row-major [rows, outputDim]. */
  readonly values: Float32Array;
  readonly rows: number;
  readonly outputDim: number;
  /** True when the output already fits: the identity, which keeps volumes exact. */
  readonly identity: boolean;
}

/**
 * A [min(projectionDim, outputDim), outputDim] matrix: entries N(0, 1)/√m when the output has more
 * dimensions than projectionDim, the identity otherwise.
 */
export function randomProjection(outputDim: number, projectionDim: number, random: MagnetRandom): ProjectionMatrix {
  if (!(Number.isInteger(outputDim) && outputDim >= 1)) throw new RangeError(`output dimension must be a positive integer, got ${outputDim}`);
  if (!(Number.isInteger(projectionDim) && projectionDim >= 1)) throw new RangeError(`projection dimension must be a positive integer, got ${projectionDim}`);
  const rows = projectedRows(projectionDim, outputDim);
  const values = new Float32Array(rows * outputDim);
  if (rows === outputDim) {
    for (let i = 0; i < rows; i++) values[i * outputDim + i] = 1;
    return { values, rows, outputDim, identity: true };
  }
  const scale = 1 / Math.sqrt(rows);
  for (let i = 0; i < values.length; i++) values[i] = random.normal() * scale;
  return { values, rows, outputDim, identity: false };
}

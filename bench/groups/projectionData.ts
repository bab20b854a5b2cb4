/**
 * Synthetic snapshots for the projection benchmark: evaluator-like features (64-d) of a real
 * reference drawn from clusters with low-dimensional structure, and generated points whose latent
 * identity is fixed, drifting from an unstructured blob toward the clusters as "training" proceeds.
 */
import type { ProjectionInput } from '../../src/core/projection/engine';
import { createRandom } from '../../src/core/projection/random';
import { gaussianMatrix, INTRINSIC, writeClusterPoint } from '../support/clusteredFeatures';

const CLUSTERS = 10;

export interface SyntheticRun {
  /** The snapshot at training progress `progress` in [0, 1]; the same progress gives the same data. */
  snapshot(iteration: number, progress: number): ProjectionInput;
}

export function syntheticRun(nReal: number, nGenerated: number, dim: number, seed: number): SyntheticRun {
  const random = createRandom(seed);
  const centres = gaussianMatrix(random, CLUSTERS, dim, 4);
  const bases = Array.from({ length: CLUSTERS }, () => gaussianMatrix(random, INTRINSIC, dim, 0.8));
  const real = new Float32Array(nReal * dim);
  for (let i = 0; i < nReal; i++) writeClusterPoint(real, i, dim, random.int(CLUSTERS), centres, bases, random, 0.15);
  // Each generated row has a fixed target (its cluster point) and a fixed starting blob point.
  const target = new Float32Array(nGenerated * dim);
  // The generator under-represents the last three clusters, as a biased model would.
  for (let i = 0; i < nGenerated; i++) writeClusterPoint(target, i, dim, random.next() < 0.85 ? random.int(CLUSTERS - 3) : CLUSTERS - 3 + random.int(3), centres, bases, random, 0.15);
  const blob = gaussianMatrix(random, nGenerated, dim, 1.5);
  return {
    snapshot(iteration, progress) {
      const generated = new Float32Array(nGenerated * dim);
      for (let i = 0; i < generated.length; i++) generated[i] = progress * (target[i] as number) + (1 - progress) * (blob[i] as number);
      return { iteration, dim, nReal, real, nGenerated, generated };
    },
  };
}

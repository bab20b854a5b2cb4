/**
 * Synthetic snapshot for the metrics benchmark: evaluator-like 64-d features in 9 clusters with
 * low-dimensional structure (as bench/groups/projectionData.ts builds them), each cluster one
 * combination of two attributes (shape × colour, 3 values each). The generator under-represents
 * two combinations and is noisier than the data, as a model in training is. Labels of the real
 * rows are exact; generated rows get the cluster they were drawn from as the "prediction", with a
 * confidence, as an evaluator would give them.
 */
import { createRandom } from '../../src/core/projection/random';
import { gaussian, gaussianMatrix, INTRINSIC, writeClusterPoint } from '../support/clusteredFeatures';
import type { AttributeInput, FeatureInput } from '../../src/core/metrics/computeSnapshotMetrics';

const CLUSTERS = 9;

export interface MetricsSnapshotData {
  readonly features: FeatureInput;
  readonly attributes: AttributeInput;
}

/** `structured` false gives unstructured Gaussian noise instead: the worst case for the exact neighbour search. */
export function metricsSnapshot(nReal: number, nGenerated: number, nHeldOut: number, dim: number, seed: number, structured = true): MetricsSnapshotData {
  const random = createRandom(seed);
  const centres = gaussianMatrix(random, CLUSTERS, dim, 4);
  const bases = Array.from({ length: CLUSTERS }, () => gaussianMatrix(random, INTRINSIC, dim, 0.8));
  const draw = (n: number, noise: number, pick: () => number): { data: Float32Array; cluster: Int32Array } => {
    const data = new Float32Array(n * dim);
    const cluster = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = pick();
      cluster[i] = c;
      if (structured) writeClusterPoint(data, i, dim, c, centres, bases, random, noise);
      else for (let d = 0; d < dim; d++) data[i * dim + d] = 3 * gaussian(random);
    }
    return { data, cluster };
  };
  const real = draw(nReal, 0.15, () => random.int(CLUSTERS));
  const heldOut = draw(nHeldOut, 0.15, () => random.int(CLUSTERS));
  // Clusters 7 and 8 get a quarter of their fair share.
  const generated = draw(nGenerated, 0.3, () => (random.next() < 0.94 ? random.int(CLUSTERS - 2) : CLUSTERS - 2 + random.int(2)));
  const shape = (cluster: Int32Array): Int32Array => Int32Array.from(cluster, (c) => c % 3);
  const colour = (cluster: Int32Array): Int32Array => Int32Array.from(cluster, (c) => Math.floor(c / 3));
  const confidence = (): Float32Array => Float32Array.from({ length: nGenerated }, () => 0.7 + 0.3 * random.next());
  return {
    features: { dim, real: real.data, nReal, generated: generated.data, nGenerated, heldOut: { data: heldOut.data, n: nHeldOut } },
    attributes: {
      specs: [
        { name: 'shape', values: ['circle', 'square', 'triangle'] },
        { name: 'colour', values: ['red', 'green', 'blue'] },
      ],
      realLabels: { shape: shape(real.cluster), colour: colour(real.cluster) },
      generatedPredictions: { shape: shape(generated.cluster), colour: colour(generated.cluster) },
      generatedConfidence: { shape: confidence(), colour: confidence() },
    },
  };
}

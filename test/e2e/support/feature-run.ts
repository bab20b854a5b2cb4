// A finished run whose snapshots carry 64-dimensional evaluator features and an 8-dimensional latent
// bank, written the way `genmon train` writes one (StreamWriter), so that the Projection panel has
// views that must be projected rather than drawn as they are.
import { join } from 'node:path';
import { StreamWriter } from '../../../src/core/stream/writer';
import { STREAM_FILE_NAME, type NumericArray, type StreamRecord } from '../../../src/protocol/stream';

export const featureRunConfigName = 'features.genmon.yaml';
export const featureRunIterations = [0, 100, 200, 300];

const featureDim = 64;
const latentDim = 8;
const clusters = 5;
const rows = 150;

/** mulberry32: the same run every time, so a failure can be reproduced. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matrix(data: Float32Array | Int32Array, columns: number): NumericArray {
  return { dtype: data instanceof Int32Array ? 'int32' : 'float32', shape: [data.length / columns, columns], data };
}

/** Writes <runDir>/stream.gms: header, four snapshots in which generated features move from a blob toward the clusters, end. */
export function writeFeatureRun(workspace: string, runDir: string): void {
  const random = seeded(7);
  const noise = () => random() - 0.5;
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: featureDim }, () => 8 * noise()));
  const realFeatures = new Float32Array(rows * featureDim);
  for (let row = 0; row < rows; row++) {
    const centre = centres[row % clusters] as Float32Array;
    for (let d = 0; d < featureDim; d++) realFeatures[row * featureDim + d] = (centre[d] as number) + 0.4 * noise();
  }
  const latent = Float32Array.from({ length: rows * latentDim }, noise);
  const targets = Array.from({ length: rows }, (_, row) => row % clusters);
  const blob = Float32Array.from({ length: rows * featureDim }, () => 0.5 * noise());

  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  const write = (record: StreamRecord) => writer.write(record);
  write({
    type: 'header',
    formatVersion: 1,
    runId: 'features-e2e',
    createdAt: '2026-11-22T00:00:00.000Z',
    config: { name: 'features', training: { maxIterations: 300 } },
    configPath: join(workspace, featureRunConfigName),
    trainer: { name: 'genmon-e2e', version: '0.1.0', backend: 'wasm' },
  });
  write({ type: 'event', kind: 'started', iteration: 0, time: 1_000 });
  featureRunIterations.forEach((iteration, step) => {
    const progress = step / (featureRunIterations.length - 1);
    const generatedFeatures = new Float32Array(rows * featureDim);
    for (let row = 0; row < rows; row++) {
      const centre = centres[targets[row] as number] as Float32Array;
      for (let d = 0; d < featureDim; d++) {
        const index = row * featureDim + d;
        generatedFeatures[index] = (1 - progress) * (blob[index] as number) + progress * (centre[d] as number) + 0.4 * noise();
      }
    }
    write({
      type: 'snapshot',
      iteration,
      time: 1_000 + iteration,
      metrics: { lossD: 1.4 - 0.1 * step, lossG: 0.7 + 0.05 * step },
      arrays: {
        realFeatures: matrix(realFeatures, featureDim),
        generatedFeatures: matrix(generatedFeatures, featureDim),
        latent: matrix(latent, latentDim),
        generatedPredictions: matrix(Int32Array.from(targets, (target) => (progress > 0.5 ? target : 0)), 1),
      },
    });
  });
  write({ type: 'end', reason: 'completed', iteration: 300, time: 2_000 });
  writer.close();
}

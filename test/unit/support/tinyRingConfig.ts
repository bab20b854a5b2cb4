/**
 * A ring-of-Gaussians config small enough that a cpu-backend trainer runs hundreds of steps a
 * second: for tests of the control channel, checkpoints and branches, where what the model learns
 * does not matter.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TinyRingOptions {
  readonly name: string;
  readonly seed: number;
  readonly latentDim?: number;
  readonly generator?: readonly number[];
  readonly discriminator?: readonly number[];
  readonly batchSize?: number;
  /** Default: effectively unbounded, for a trainer the test stops itself. */
  readonly maxIterations?: number;
  readonly snapshotEvery?: number;
  /** Real and generated samples per snapshot. */
  readonly samples?: number;
}

export function tinyRingConfigText(options: TinyRingOptions): string {
  const { name, seed, latentDim = 2, generator = [8], discriminator = [8], batchSize = 8, maxIterations = 10_000_000, snapshotEvery = 50, samples = 8 } = options;
  return `name: ${name}
seed: ${seed}
dataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }
model: { type: gan, latentDim: ${latentDim}, generator: { hidden: [${generator.join(', ')}] }, discriminator: { hidden: [${discriminator.join(', ')}] } }
training: { batchSize: ${batchSize}, learningRate: 0.001, maxIterations: ${maxIterations}, backend: cpu }
snapshot: { every: ${snapshotEvery}, realSamples: ${samples}, generatedSamples: ${samples} }
`;
}

/** Writes `<dir>/<name>.genmon.yaml` and returns its path. */
export function writeTinyRingConfig(dir: string, options: TinyRingOptions): string {
  const file = join(dir, `${options.name}.genmon.yaml`);
  writeFileSync(file, tinyRingConfigText(options));
  return file;
}

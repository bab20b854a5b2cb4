/**
 * The experiment config (`*.genmon.yaml`) after validation and defaults.
 * The JSON schema in ./schema.ts is the source of truth for what a user may write;
 * this interface is what the rest of genmon reads once defaults are applied.
 */

export type BackendChoice = 'auto' | 'wasm' | 'cpu' | 'tensorflow';

export interface GaussianMixtureDataset {
  readonly type: 'gaussian-mixture';
  /** `ring`: `modes` Gaussians evenly spaced on a circle; `grid`: a modes × modes grid. */
  readonly layout: 'ring' | 'grid';
  readonly modes: number;
  /** Ring radius, or half the grid's side. */
  readonly radius: number;
  /** Standard deviation of each Gaussian. */
  readonly sigma: number;
}

export type DatasetConfig = GaussianMixtureDataset;

export interface NetworkConfig {
  /** Widths of the hidden layers of an MLP. */
  readonly hidden: readonly number[];
}

export interface GanModel {
  readonly type: 'gan';
  readonly latentDim: number;
  readonly generator: NetworkConfig;
  readonly discriminator: NetworkConfig;
}

export type ModelConfig = GanModel;

export interface TrainingConfig {
  readonly batchSize: number;
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  /** Stop after this many iterations (one discriminator + one generator step each). */
  readonly maxIterations: number;
  readonly backend: BackendChoice;
}

export interface SnapshotConfig {
  /** Write a snapshot every this many iterations. */
  readonly every: number;
  /** Size of the fixed real reference set written in each snapshot. */
  readonly realSamples: number;
  /** Size of the fixed latent bank whose generated samples are written in each snapshot. */
  readonly generatedSamples: number;
}

export interface ExperimentConfig {
  readonly name: string;
  readonly seed: number;
  readonly dataset: DatasetConfig;
  readonly model: ModelConfig;
  readonly training: TrainingConfig;
  readonly snapshot: SnapshotConfig;
}

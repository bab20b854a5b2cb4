/**
 * The experiment config (`*.genmon.yaml`) after validation and defaults.
 * The JSON schema in ./schema.ts is the source of truth for what a user may write;
 * this interface is what the rest of genmon reads once defaults are applied (including the
 * defaults that depend on other keys: see ./derivedDefaults.ts).
 */
import type { AuctionOptions } from '../../trainer/auction/options';
import type { DatasetSpec } from '../../trainer/datasets/spec';
import type { AlertRules } from '../alerts/rules';

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

/** The dataset section is exactly what the trainer's datasets take (src/trainer/datasets/spec.ts). */
export type DatasetConfig = DatasetSpec;

export type DatasetKind = 'points' | 'image';

/** Points come from the mixture of Gaussians; every other dataset is images. */
export function datasetKind(dataset: Pick<DatasetConfig, 'type'>): DatasetKind {
  return dataset.type === 'gaussian-mixture' ? 'points' : 'image';
}

export interface NetworkConfig {
  /** Widths of the hidden layers of an MLP. */
  readonly hidden: readonly number[];
}

/** `auto` in the file is resolved to one of these by the dataset's kind. */
export type ArchitectureChoice = 'mlp' | 'conv';

interface ModelConfigBase {
  readonly architecture: ArchitectureChoice;
  readonly latentDim: number;
  /** MLP widths of every network that does not set its own. */
  readonly hidden: readonly number[];
  readonly baseChannels: number;
  readonly pixelNorm: boolean;
}

/** GANs only: several generator/discriminator pairs trained with an auction between them (docs/models.md). */
interface MultiPlayerConfig {
  /** Generator/discriminator pairs; 1 is an ordinary GAN. */
  readonly players: number;
  readonly auction: AuctionOptions;
}

export interface GanModel extends ModelConfigBase, MultiPlayerConfig {
  readonly type: 'gan';
  readonly generator: NetworkConfig;
  readonly discriminator: NetworkConfig;
}

export interface WganGpModel extends ModelConfigBase, MultiPlayerConfig {
  readonly type: 'wgan-gp';
  readonly generator: NetworkConfig;
  /** The critic. */
  readonly discriminator: NetworkConfig;
  readonly gradientPenalty: number;
  readonly criticIterations: number;
}

export interface VaeModel extends ModelConfigBase {
  readonly type: 'vae';
  readonly decoder: 'bernoulli' | 'gaussian';
  readonly decoderSigma: 'learned' | number;
  readonly klAnnealIterations: number;
}

export type ModelConfig = GanModel | WganGpModel | VaeModel;

export interface TrainingConfig {
  readonly batchSize: number;
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  /** Stop after this many iterations (one update of each network each). */
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
  /** Images: thumbnails written per set (real, generated). */
  readonly thumbnails: number;
  /** Images: largest thumbnail side. */
  readonly thumbnailSize: number;
  /** Images: largest side of the pixel vectors written for the projection. */
  readonly projectionImageSize: number;
}

export interface ExperimentConfig {
  readonly name: string;
  readonly seed: number;
  readonly dataset: DatasetConfig;
  readonly model: ModelConfig;
  readonly training: TrainingConfig;
  readonly snapshot: SnapshotConfig;
  /** Alert rules with every default filled in (docs/alerts.md). */
  readonly alerts: AlertRules;
}

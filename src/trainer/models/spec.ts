/**
 * What a model is, as the experiment config's `model` section will describe it. A discriminated
 * union on `type`; `withModelDefaults` fills in everything left out, with the defaults below.
 */

export type ModelType = 'gan' | 'wgan-gp' | 'vae';

/** `mlp` for points and other low-dimensional data; `conv` for images (DCGAN-style). */
export type Architecture = 'mlp' | 'conv';

export interface OptimizerSpec {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
}

interface ModelSpecBase {
  readonly architecture: Architecture;
  readonly latentDim: number;
  /** MLP only: hidden-layer widths, used for every network of the model that `hiddenByNetwork` does not name. */
  readonly hidden: readonly number[];
  /** MLP only: widths for single networks by name (`generator`, `discriminator`, `encoder`, `decoder`). */
  readonly hiddenByNetwork?: Readonly<Record<string, readonly number[]>>;
  /** Conv only: channels of the widest-resolution stage; each halving of the resolution doubles them. */
  readonly baseChannels: number;
  /** Conv only: pixel-wise feature normalisation (Karras et al. 2018) in the generator/decoder, a batch-free stand-in for batch norm. */
  readonly pixelNorm: boolean;
  /** Adam settings, one optimiser per network. */
  readonly optimizer: OptimizerSpec;
}

/** The non-saturating GAN (Goodfellow et al. 2014). */
export interface GanSpec extends ModelSpecBase {
  readonly type: 'gan';
}

/** WGAN with gradient penalty (Gulrajani et al. 2017). */
export interface WganGpSpec extends ModelSpecBase {
  readonly type: 'wgan-gp';
  /** λ, the weight of the gradient penalty. */
  readonly gradientPenalty: number;
  /** Critic updates per generator update; each uses a fresh real batch. */
  readonly criticIterations: number;
}

export type VaeDecoder = 'bernoulli' | 'gaussian';

/** A VAE with a Gaussian encoder (Kingma & Welling 2014). */
export interface VaeSpec extends ModelSpecBase {
  readonly type: 'vae';
  /** `bernoulli`: binary cross-entropy, data in [0, 1]; `gaussian`: squared error scaled by σ. */
  readonly decoder: VaeDecoder;
  /** Gaussian decoder only: a fixed σ, or `learned` (one σ for all outputs, trained with the rest). */
  readonly decoderSigma: 'learned' | number;
  /** The KL weight rises linearly from 0 to 1 over this many iterations; 0 means always 1. */
  readonly klAnnealIterations: number;
}

export type ModelSpec = GanSpec | WganGpSpec | VaeSpec;

type Input<T extends ModelSpec> = { readonly type: T['type'] } & Partial<Omit<T, 'type' | 'optimizer'>> & {
  readonly optimizer?: Partial<OptimizerSpec>;
};

export type ModelSpecInput = Input<GanSpec> | Input<WganGpSpec> | Input<VaeSpec>;

export const MODEL_DEFAULTS = {
  architecture: 'mlp' as Architecture,
  latentDim: { mlp: 8, conv: 32 },
  hidden: [128, 128] as readonly number[],
  baseChannels: 32,
  pixelNorm: true,
  /** DCGAN's settings (Radford et al. 2016). */
  ganOptimizer: { learningRate: 2e-4, beta1: 0.5, beta2: 0.999 } as OptimizerSpec,
  /** β = (0.5, 0.9) and λ = 10 as in Gulrajani et al. (and Zhao et al.'s comparisons), 5 critic steps. */
  wganGpOptimizer: { learningRate: 1e-4, beta1: 0.5, beta2: 0.9 } as OptimizerSpec,
  gradientPenalty: 10,
  criticIterations: 5,
  vaeOptimizer: { learningRate: 1e-3, beta1: 0.9, beta2: 0.999 } as OptimizerSpec,
  decoder: 'bernoulli' as VaeDecoder,
  decoderSigma: 'learned' as const,
  klAnnealIterations: 0,
};

function optimizerDefaults(type: ModelType): OptimizerSpec {
  if (type === 'wgan-gp') return MODEL_DEFAULTS.wganGpOptimizer;
  if (type === 'vae') return MODEL_DEFAULTS.vaeOptimizer;
  return MODEL_DEFAULTS.ganOptimizer;
}

export function withModelDefaults(input: ModelSpecInput): ModelSpec {
  const architecture = input.architecture ?? MODEL_DEFAULTS.architecture;
  const base = {
    architecture,
    latentDim: input.latentDim ?? MODEL_DEFAULTS.latentDim[architecture],
    hidden: input.hidden ?? MODEL_DEFAULTS.hidden,
    ...(input.hiddenByNetwork !== undefined ? { hiddenByNetwork: input.hiddenByNetwork } : {}),
    baseChannels: input.baseChannels ?? MODEL_DEFAULTS.baseChannels,
    pixelNorm: input.pixelNorm ?? MODEL_DEFAULTS.pixelNorm,
    optimizer: { ...optimizerDefaults(input.type), ...input.optimizer },
  };
  switch (input.type) {
    case 'gan':
      return { type: 'gan', ...base };
    case 'wgan-gp':
      return {
        type: 'wgan-gp',
        ...base,
        gradientPenalty: input.gradientPenalty ?? MODEL_DEFAULTS.gradientPenalty,
        criticIterations: input.criticIterations ?? MODEL_DEFAULTS.criticIterations,
      };
    case 'vae':
      return {
        type: 'vae',
        ...base,
        decoder: input.decoder ?? MODEL_DEFAULTS.decoder,
        decoderSigma: input.decoderSigma ?? MODEL_DEFAULTS.decoderSigma,
        klAnnealIterations: input.klAnnealIterations ?? MODEL_DEFAULTS.klAnnealIterations,
      };
  }
}

/**
 * The `model` section of the schema: one branch per `model.type`, sharing the architecture keys.
 * Defaults come from the trainer's model defaults (src/trainer/models/spec.ts); the ones that
 * depend on other keys (latent size, per-network widths, decoder) are filled in by
 * derivedDefaults.ts and described here in `defaultText`. docs/models.md explains the models.
 */
import { ALIGNMENT_LOSSES, ALIGNMENT_SAMPLES, AUCTION_DEFAULTS, AUCTION_LIMITS, AUCTION_SCORES } from '../../trainer/auction/options';
import { MODEL_DEFAULTS } from '../../trainer/models/spec';
import type { ConfigSchemaNode } from './schemaNode';

const hiddenLayers = (network: string, defaultText?: string): ConfigSchemaNode => ({
  type: 'array',
  description: `Widths of the ${network}'s hidden layers, input side first (architecture mlp only).`,
  ...(defaultText === undefined ? { default: [...MODEL_DEFAULTS.hidden] } : { defaultText }),
  minItems: 1,
  maxItems: 8,
  items: {
    type: 'integer',
    description: `Width (number of units) of one hidden layer of the ${network}.`,
    minimum: 1,
    maximum: 4096,
  },
});

const network = (name: string, role: string): ConfigSchemaNode => ({
  type: 'object',
  description: `The ${name}, which ${role}. Only its MLP widths can differ from the other network's.`,
  additionalProperties: false,
  properties: { hidden: hiddenLayers(name, 'model.hidden') },
});

const shared: Readonly<Record<string, ConfigSchemaNode>> = {
  architecture: {
    type: 'string',
    description: 'Network architecture of every network of the model.',
    default: 'auto',
    enum: ['auto', 'mlp', 'conv'],
    enumDescriptions: [
      'mlp for 2-D points, conv for images.',
      'Multilayer perceptrons (`hidden`): points and other low-dimensional data; images are flattened.',
      'DCGAN-style convolutional networks (`baseChannels`), for images up to 64×64 with an even side.',
    ],
  },
  latentDim: {
    type: 'integer',
    description: 'Size of the latent vector z (standard normal).',
    defaultText: `${MODEL_DEFAULTS.latentDim.mlp} with mlp, ${MODEL_DEFAULTS.latentDim.conv} with conv`,
    minimum: 1,
    maximum: 512,
  },
  hidden: hiddenLayers('networks'),
  baseChannels: {
    type: 'integer',
    description: 'Channels of the highest-resolution convolution stage; each halving of the resolution doubles them (architecture conv only).',
    default: MODEL_DEFAULTS.baseChannels,
    minimum: 1,
    maximum: 512,
  },
  pixelNorm: {
    type: 'boolean',
    description: 'Pixel-wise feature normalisation in the generator or decoder, a batch-free stand-in for batch norm (architecture conv only).',
    default: MODEL_DEFAULTS.pixelNorm,
  },
};

/** GANs only: several pairs and the auction between them ("The Bid Picture", Shim et al. 2024; docs/models.md). */
const multiPlayer: Readonly<Record<string, ConfigSchemaNode>> = {
  players: {
    type: 'integer',
    description:
      'Generator/discriminator pairs trained side by side; with more than 1 they hold an auction (`auction`) between them. 1 is an ordinary GAN. genmon train and the editor run them; snapshots show the current reference player under the usual names and every player under `player<i>.` (docs/stream-format.md), and the Projection panel draws every player, the scores and the bids.',
    default: 1,
    minimum: 1,
    maximum: AUCTION_LIMITS.maxPlayers,
  },
  auction: {
    type: 'object',
    description:
      "How the players (`players` > 1) rank each other: every discriminator bids its mean output on every other generator's batch, the best-scoring pair becomes the reference, and the other discriminators take steps towards its outputs on real and generated batches.",
    additionalProperties: false,
    properties: {
      every: {
        type: 'integer',
        description: 'Hold an auction after every this many iterations of ordinary updates (1: ordinary and auxiliary updates alternate, as in the paper).',
        default: AUCTION_DEFAULTS.every,
        minimum: 1,
        maximum: AUCTION_LIMITS.maxEvery,
      },
      score: {
        type: 'string',
        description: "How each player's score S(i) is computed from the bids B[j][i] (discriminator j on generator i's batch, j ≠ i) and R[j] (discriminator j on a real batch).",
        default: AUCTION_DEFAULTS.score,
        enum: [...AUCTION_SCORES],
        enumDescriptions: [
          'S(i) = mean over j ≠ i of B[j][i]: the bids as they are.',
          'S(i) = mean over j ≠ i of B[j][i] − R[j]: each bid against what that bidder gives real data, so no bidder decides by its offset alone.',
          "relative, plus mean over j ≠ i of R[i] − B[i][j]: the pair also earns for how well its own discriminator tells real data from the others' samples.",
        ],
      },
      alignment: {
        type: 'object',
        description: "The auxiliary updates of every discriminator but the reference's, towards the reference's outputs (probabilities for a GAN, scores for a critic).",
        additionalProperties: false,
        properties: {
          loss: {
            type: 'string',
            description: "Distance between a discriminator's outputs and the reference's on the same real and generated samples.",
            default: AUCTION_DEFAULTS.alignment.loss,
            enum: [...ALIGNMENT_LOSSES],
            enumDescriptions: ['Mean squared difference.', 'Mean absolute difference.'],
          },
          samples: {
            type: 'string',
            description: 'The generated batch the alignment uses, next to a real batch.',
            default: AUCTION_DEFAULTS.alignment.samples,
            enum: [...ALIGNMENT_SAMPLES],
            enumDescriptions: [
              "The aligned player's own generator's batch: the reference judges the samples that player's game is decided on.",
              "The reference generator's batch: the others learn the reference's judgement where it was formed (safer for critics, whose outputs far from their own generator mean little).",
            ],
          },
          weight: {
            type: 'number',
            description: 'Multiplies the alignment loss: how hard each discriminator is pulled towards the reference.',
            default: AUCTION_DEFAULTS.alignment.weight,
            exclusiveMinimum: 0,
            maximum: AUCTION_LIMITS.maxWeight,
          },
          steps: {
            type: 'integer',
            description: 'Alignment updates of each discriminator per auction (0: bid and rank only).',
            default: AUCTION_DEFAULTS.alignment.steps,
            minimum: 0,
            maximum: AUCTION_LIMITS.maxSteps,
          },
        },
      },
    },
  },
};

const typeKey = (kind: string, meaning: string): ConfigSchemaNode => ({ type: 'string', const: kind, description: `Kind of model: ${meaning}` });

const gan: ConfigSchemaNode = {
  type: 'object',
  title: 'gan',
  description: 'A generative adversarial network with the non-saturating loss (Goodfellow et al. 2014): a generator and a discriminator trained against each other.',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: typeKey('gan', 'a non-saturating GAN.'),
    ...shared,
    generator: network('generator', 'maps latent noise to a sample'),
    discriminator: network('discriminator', 'scores how real a sample looks'),
    ...multiPlayer,
  },
};

const wganGp: ConfigSchemaNode = {
  type: 'object',
  title: 'wgan-gp',
  description: 'A Wasserstein GAN with gradient penalty (Gulrajani et al. 2017): a generator and a critic; Adam β₂ defaults to 0.9.',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: typeKey('wgan-gp', 'a WGAN with gradient penalty.'),
    ...shared,
    generator: network('generator', 'maps latent noise to a sample'),
    discriminator: network('critic', 'scores samples, higher for real ones'),
    gradientPenalty: {
      type: 'number',
      description: "λ, the weight of the penalty on the critic's gradient norm.",
      default: MODEL_DEFAULTS.gradientPenalty,
      minimum: 0,
      maximum: 1000000,
    },
    criticIterations: {
      type: 'integer',
      description: 'Critic updates per generator update (per iteration), each on a fresh real batch.',
      default: MODEL_DEFAULTS.criticIterations,
      minimum: 1,
      maximum: 100,
    },
    ...multiPlayer,
  },
};

const vae: ConfigSchemaNode = {
  type: 'object',
  title: 'vae',
  description: 'A variational autoencoder (Kingma & Welling 2014): a Gaussian encoder and a Bernoulli or Gaussian decoder, trained on the negative ELBO.',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: typeKey('vae', 'a variational autoencoder.'),
    ...shared,
    decoder: {
      type: 'string',
      description: "The decoder's likelihood p(x | z).",
      defaultText: 'bernoulli for images, gaussian for points',
      enum: ['bernoulli', 'gaussian'],
      enumDescriptions: ['Binary cross-entropy on logits; needs data in [0, 1] (images).', 'Squared error scaled by σ (`decoderSigma`); any data.'],
    },
    decoderSigma: {
      description: "σ of a Gaussian decoder: a fixed number, or 'learned' (one σ trained with the rest).",
      default: MODEL_DEFAULTS.decoderSigma,
      oneOf: [
        { type: 'string', title: "'learned'", const: 'learned', description: 'One σ for all outputs, trained with the networks.' },
        { type: 'number', title: 'a number > 0', description: 'A fixed σ for every output of the decoder.', exclusiveMinimum: 0, maximum: 1000000 },
      ],
    },
    klAnnealIterations: {
      type: 'integer',
      description: 'The KL weight rises linearly from 0 to 1 over this many iterations (Bowman et al. 2016); 0 keeps it at 1.',
      default: MODEL_DEFAULTS.klAnnealIterations,
      minimum: 0,
      maximum: 100000000,
    },
  },
};

const KINDS = [gan, wganGp, vae];

export const modelSchema: ConfigSchemaNode = {
  type: 'object',
  description: 'The generative model to train. Which keys apply depends on `type`.',
  required: ['type'],
  properties: {
    type: {
      type: 'string',
      description: 'Kind of model.',
      enum: KINDS.map((kind) => kind.title ?? ''),
      enumDescriptions: KINDS.map((kind) => kind.description ?? ''),
    },
  },
  oneOf: KINDS,
};

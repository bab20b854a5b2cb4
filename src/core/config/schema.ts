import type { ConfigSchemaNode } from './schemaNode';

/**
 * The one schema for `*.genmon.yaml`: genmon validates with it, the editor hovers show its
 * descriptions, and `npm run schema` writes it to schemas/genmon.schema.json for VS Code's YAML
 * support (package.json `yamlValidation`). Only what the trainer implements belongs here.
 */

const hiddenLayers = (network: string): ConfigSchemaNode => ({
  type: 'array',
  description: `Widths of the ${network}'s hidden layers, input side first.`,
  default: [128, 128],
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
  description: `The ${name}: a multilayer perceptron that ${role}.`,
  additionalProperties: false,
  properties: { hidden: hiddenLayers(name) },
});

export const experimentConfigSchema: ConfigSchemaNode = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://example.invalid/genmon/schemas/genmon.schema.json',
  title: 'genmon experiment config',
  description:
    'An experiment for genmon to train and monitor: the dataset, the generative model, how to train it and how often to snapshot it.',
  type: 'object',
  additionalProperties: false,
  required: ['dataset', 'model'],
  properties: {
    name: {
      type: 'string',
      description:
        "Name of the experiment, shown in the status bar and stored with each run. Default: the file name without `.genmon.yaml` (or 'experiment').",
      minLength: 1,
      maxLength: 200,
    },
    seed: {
      type: 'integer',
      description:
        'Seed for every random choice (dataset samples, weight initialisation, latent bank), so a run can be repeated exactly on the same backend.',
      default: 0,
      minimum: 0,
      maximum: 4294967295,
    },
    dataset: {
      type: 'object',
      description: 'The real data the model learns to imitate.',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: {
          type: 'string',
          description: 'Kind of dataset.',
          enum: ['gaussian-mixture'],
          enumDescriptions: ['A 2D mixture of equally weighted isotropic Gaussians: the classic test for mode collapse.'],
        },
        layout: {
          type: 'string',
          description: 'Where the mixture\'s Gaussians sit.',
          default: 'ring',
          enum: ['ring', 'grid'],
          enumDescriptions: [
            '`modes` Gaussians evenly spaced on a circle of radius `radius`.',
            'A `modes` × `modes` grid of Gaussians whose centres span −`radius` … `radius` on both axes.',
          ],
        },
        modes: {
          type: 'integer',
          description: 'Number of Gaussians on the ring, or per side of the grid (the grid has `modes` × `modes`).',
          default: 8,
          minimum: 1,
          maximum: 1024,
        },
        radius: {
          type: 'number',
          description: 'Radius of the ring; for a grid, its centres span −radius … radius on both axes.',
          default: 2,
          exclusiveMinimum: 0,
          maximum: 1000000,
        },
        sigma: {
          type: 'number',
          description: 'Standard deviation of each Gaussian.',
          default: 0.05,
          exclusiveMinimum: 0,
          maximum: 1000000,
        },
      },
    },
    model: {
      type: 'object',
      description: 'The generative model to train.',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: {
          type: 'string',
          description: 'Kind of model.',
          enum: ['gan'],
          enumDescriptions: ['A generative adversarial network: a generator and a discriminator trained against each other.'],
        },
        latentDim: {
          type: 'integer',
          description: "Size of the generator's input noise vector (standard normal).",
          default: 2,
          minimum: 1,
          maximum: 512,
        },
        generator: network('generator', 'maps latent noise to a sample'),
        discriminator: network('discriminator', 'scores how real a sample looks'),
      },
    },
    training: {
      type: 'object',
      description: 'How the model is optimised. Both networks use Adam.',
      additionalProperties: false,
      properties: {
        batchSize: {
          type: 'integer',
          description: 'Real and generated samples per training step.',
          default: 256,
          minimum: 1,
          maximum: 65536,
        },
        learningRate: {
          type: 'number',
          description: 'Adam learning rate of both networks.',
          default: 0.0005,
          exclusiveMinimum: 0,
          maximum: 1,
        },
        beta1: {
          type: 'number',
          description: "Adam's decay rate for the first moment. GANs train more stably with 0.5 than Adam's usual 0.9.",
          default: 0.5,
          minimum: 0,
          exclusiveMaximum: 1,
        },
        beta2: {
          type: 'number',
          description: "Adam's decay rate for the second moment.",
          default: 0.999,
          minimum: 0,
          exclusiveMaximum: 1,
        },
        maxIterations: {
          type: 'integer',
          description: 'Training stops after this many iterations (one discriminator step and one generator step each).',
          default: 5000,
          minimum: 1,
          maximum: 100000000,
        },
        backend: {
          type: 'string',
          description: 'TensorFlow.js backend to train on. The one actually used is shown in the status bar.',
          default: 'auto',
          enum: ['auto', 'wasm', 'cpu', 'tensorflow'],
          enumDescriptions: [
            'Native TensorFlow (tfjs-node) when installed, else WebAssembly.',
            'TensorFlow.js WebAssembly backend (shipped with genmon).',
            'TensorFlow.js pure-JavaScript backend (shipped; slow, a fallback).',
            'Native TensorFlow through @tensorflow/tfjs-node or @tensorflow/tfjs-node-gpu, which you install yourself.',
          ],
        },
      },
    },
    snapshot: {
      type: 'object',
      description: 'What the trainer writes to the run\'s snapshot stream for the projection view.',
      additionalProperties: false,
      properties: {
        every: {
          type: 'integer',
          description: 'Write a snapshot every this many iterations.',
          default: 100,
          minimum: 1,
          maximum: 100000000,
        },
        realSamples: {
          type: 'integer',
          description: 'Size of the fixed set of real samples drawn once and written with the snapshots.',
          default: 512,
          minimum: 1,
          maximum: 65536,
        },
        generatedSamples: {
          type: 'integer',
          description:
            'Size of the fixed latent bank; every snapshot holds the generator\'s outputs for these same latent vectors, so points can be followed over time.',
          default: 512,
          minimum: 1,
          maximum: 65536,
        },
      },
    },
  },
};

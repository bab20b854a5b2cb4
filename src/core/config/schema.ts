import { MODEL_DEFAULTS } from '../../trainer/models/spec';
import { alertRulesSchema } from '../alerts/ruleSchema';
import { datasetSchema } from './datasetSchema';
import { modelSchema } from './modelSchema';
import type { ConfigSchemaNode } from './schemaNode';

/** Batch sizes when the config leaves `training.batchSize` out: conv steps on images cost far more. */
export const POINTS_BATCH_SIZE = 256;
export const IMAGES_BATCH_SIZE = 64;

/**
 * The one schema for `*.genmon.yaml`: genmon validates with it, the editor hovers show its
 * descriptions, and `npm run schema` writes it to schemas/genmon.schema.json for VS Code's YAML
 * support (package.json `yamlValidation`). Only what the trainer implements belongs here.
 */

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
    dataset: datasetSchema,
    model: modelSchema,
    training: {
      type: 'object',
      description: 'How the model is optimised. Every network has its own Adam optimiser (the VAE one for both).',
      additionalProperties: false,
      properties: {
        batchSize: {
          type: 'integer',
          description: 'Real and generated samples per training step.',
          defaultText: `${POINTS_BATCH_SIZE} for points, ${IMAGES_BATCH_SIZE} for images`,
          minimum: 1,
          maximum: 65536,
        },
        learningRate: {
          type: 'number',
          description: 'Adam learning rate of every network.',
          defaultText: optimizerDefaultText('learningRate'),
          exclusiveMinimum: 0,
          maximum: 1,
        },
        beta1: {
          type: 'number',
          description: "Adam's decay rate for the first moment. GANs train more stably with 0.5 than Adam's usual 0.9.",
          defaultText: optimizerDefaultText('beta1'),
          minimum: 0,
          exclusiveMaximum: 1,
        },
        beta2: {
          type: 'number',
          description: "Adam's decay rate for the second moment; WGAN-GP uses 0.9 (Gulrajani et al. 2017).",
          defaultText: optimizerDefaultText('beta2'),
          minimum: 0,
          exclusiveMaximum: 1,
        },
        maxIterations: {
          type: 'integer',
          description: 'Training stops after this many iterations (one update of every network each; WGAN-GP updates its critic `criticIterations` times).',
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
        thumbnails: {
          type: 'integer',
          description: 'Images only: how many of the real reference images and of the generated images (the first of each) are also written as small 8-bit thumbnails.',
          default: 64,
          minimum: 0,
          maximum: 1024,
        },
        thumbnailSize: {
          type: 'integer',
          description: 'Images only: larger images are shrunk (area average) to this side for the thumbnails.',
          default: 32,
          minimum: 4,
          maximum: 64,
        },
        projectionImageSize: {
          type: 'integer',
          description:
            'Images only: real and generated images are written for the projection as pixel vectors, shrunk (area average) to at most this side, which bounds a snapshot\'s size.',
          default: 16,
          minimum: 4,
          maximum: 64,
        },
      },
    },
    alerts: {
      ...(alertRulesSchema() as ConfigSchemaNode),
      description:
        'When genmon raises an alert while it watches the run: bias (under-represented groups), mode collapse, memorization, divergence and training health. Every rule and field is optional; the defaults are in docs/alerts.md.',
    },
  },
};

function optimizerDefaultText(key: 'learningRate' | 'beta1' | 'beta2'): string {
  const { ganOptimizer, wganGpOptimizer, vaeOptimizer } = MODEL_DEFAULTS;
  return `${ganOptimizer[key]} (gan), ${wganGpOptimizer[key]} (wgan-gp), ${vaeOptimizer[key]} (vae)`;
}

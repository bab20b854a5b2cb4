/**
 * Defaults that depend on other keys, applied after the schema's own: the architecture (`auto`)
 * and the batch size follow the dataset's kind, the latent size the architecture, the optimiser
 * the model type (WGAN-GP's β₂ = 0.9), a VAE's decoder the kind of data, and each GAN network's
 * widths `model.hidden`. The schema documents each in its `defaultText`.
 */
import { MODEL_DEFAULTS, type OptimizerSpec } from '../../trainer/models/spec';
import { IMAGES_BATCH_SIZE, POINTS_BATCH_SIZE } from './schema';
import type { ExperimentConfig } from './types';
import { datasetKind } from './types';

type Loose = Record<string, unknown>;

function optimizerDefaults(modelType: unknown): OptimizerSpec {
  if (modelType === 'wgan-gp') return MODEL_DEFAULTS.wganGpOptimizer;
  if (modelType === 'vae') return MODEL_DEFAULTS.vaeOptimizer;
  return MODEL_DEFAULTS.ganOptimizer;
}

/** `data` is a schema-valid config with the schema's defaults applied; the result has every key. */
export function withDerivedDefaults(data: Loose): Omit<ExperimentConfig, 'name'> & { name?: string } {
  const dataset = data['dataset'] as ExperimentConfig['dataset'];
  const kind = datasetKind(dataset);
  const model: Loose = { ...(data['model'] as Loose) };
  const architecture = model['architecture'] === 'mlp' || model['architecture'] === 'conv' ? model['architecture'] : kind === 'points' ? 'mlp' : 'conv';
  model['architecture'] = architecture;
  model['latentDim'] ??= MODEL_DEFAULTS.latentDim[architecture];
  if (model['type'] === 'gan' || model['type'] === 'wgan-gp') {
    for (const network of ['generator', 'discriminator']) {
      const own = (model[network] as Loose | undefined)?.['hidden'];
      model[network] = { hidden: own ?? model['hidden'] };
    }
  }
  if (model['type'] === 'vae') model['decoder'] ??= kind === 'points' ? 'gaussian' : MODEL_DEFAULTS.decoder;

  const optimizer = optimizerDefaults(model['type']);
  const training: Loose = { ...(data['training'] as Loose) };
  training['batchSize'] ??= kind === 'points' ? POINTS_BATCH_SIZE : IMAGES_BATCH_SIZE;
  training['learningRate'] ??= optimizer.learningRate;
  training['beta1'] ??= optimizer.beta1;
  training['beta2'] ??= optimizer.beta2;
  return { ...(data as Omit<ExperimentConfig, 'name'>), model: model as unknown as ExperimentConfig['model'], training: training as unknown as ExperimentConfig['training'] };
}

/**
 * Real batches from a Gaussian mixture for auction training: each consumer (player or auction)
 * has its own seeded stream, so auction and independent runs of one seed see the same data.
 */
import type { GaussianMixtureDataset } from '../../core/config/types';
import { GaussianMixtureSampler } from '../gaussianMixture';
import { createRandom } from '../random';
import type { RealBatchSource } from './auctionTrainer';

export function mixtureBatchSource(dataset: GaussianMixtureDataset, seed: number, batchSize: number): RealBatchSource {
  const samplers = new Map<string, GaussianMixtureSampler>();
  return {
    next(consumer) {
      const key = String(consumer);
      let sampler = samplers.get(key);
      if (sampler === undefined) {
        sampler = new GaussianMixtureSampler(dataset, createRandom(seed, `data/${key}`));
        samplers.set(key, sampler);
      }
      return sampler.sample(batchSize);
    },
  };
}

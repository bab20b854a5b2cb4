/**
 * The 2-D Gaussian mixture with labels: each point carries the index of the mode that
 * generated it. Centres come from the existing trainer module, so both agree on mode order.
 */
import { modeCentres } from '../gaussianMixture';
import type { RandomSource } from '../random';
import type { SampleGenerator, SampleSlot } from './generatedDataset';
import type { GaussianMixtureSpec } from './spec';

export function gaussianMixtureGenerator(spec: GaussianMixtureSpec): SampleGenerator {
  const centres = modeCentres(spec);
  return {
    type: 'gaussian-mixture',
    kind: 'points',
    shape: [2],
    attributes: [{ name: 'mode', values: centres.map((_, k) => String(k)) }],
    factors: [],
    draw(random: RandomSource, slot: SampleSlot): void {
      // Same draws in the same order as GaussianMixtureSampler: a uniform for the mode, then two normals.
      const mode = Math.min(centres.length - 1, Math.floor(random.uniform() * centres.length));
      const [cx, cy] = centres[mode] ?? [0, 0];
      slot.data[0] = cx + spec.sigma * random.normal();
      slot.data[1] = cy + spec.sigma * random.normal();
      slot.labels[0] = mode;
    },
  };
}

/**
 * The 2-D Gaussian mixture datasets: the classic toy problem where mode collapse is visible
 * at a glance (a generator that covers 3 of 8 ring modes draws 3 blobs).
 */
import type { GaussianMixtureDataset } from '../core/config/types';
import type { RandomSource } from './random';

export type Point2 = readonly [number, number];

/** Centres of the mixture's components, in a fixed order (ring: counter-clockwise from +x; grid: row-major). */
export function modeCentres(dataset: GaussianMixtureDataset): Point2[] {
  const { layout, modes, radius } = dataset;
  if (layout === 'ring') {
    return Array.from({ length: modes }, (_, k): Point2 => {
      const angle = (2 * Math.PI * k) / modes;
      return [radius * Math.cos(angle), radius * Math.sin(angle)];
    });
  }
  // The grid spans [-radius, radius] on both axes; a 1×1 grid is a single mode at the origin.
  const step = modes > 1 ? (2 * radius) / (modes - 1) : 0;
  const offset = modes > 1 ? -radius : 0;
  const centres: Point2[] = [];
  for (let row = 0; row < modes; row++) {
    for (let col = 0; col < modes; col++) centres.push([offset + col * step, offset + row * step]);
  }
  return centres;
}

/** Draws points from a mixture with equal weights; the caller's random source makes it reproducible. */
export class GaussianMixtureSampler {
  private readonly centres: Point2[];

  constructor(
    private readonly dataset: GaussianMixtureDataset,
    private readonly random: RandomSource,
  ) {
    this.centres = modeCentres(dataset);
  }

  /** `count` points as a row-major [count, 2] array. */
  sample(count: number): Float32Array {
    const out = new Float32Array(count * 2);
    const { sigma } = this.dataset;
    for (let i = 0; i < count; i++) {
      const mode = Math.min(this.centres.length - 1, Math.floor(this.random.uniform() * this.centres.length));
      const centre = this.centres[mode] ?? [0, 0];
      out[2 * i] = centre[0] + sigma * this.random.normal();
      out[2 * i + 1] = centre[1] + sigma * this.random.normal();
    }
    return out;
  }
}

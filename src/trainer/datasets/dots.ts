/**
 * The dots probe dataset (Zhao et al. 2018): non-overlapping coloured dots on white. The
 * number of dots is the feature under study; the generator's numerosity distribution is
 * compared with the training one by counting dots in generated images.
 */
import type { RandomSource } from '../random';
import type { SampleGenerator, SampleSlot } from './generatedDataset';
import { addNoise, fill, forEachPixelInDisc, uniformIn } from './raster';
import type { DotsSpec } from './spec';

const WHITE = [1, 1, 1] as const;
const ATTEMPTS_PER_DOT = 200;
const ATTEMPTS_PER_IMAGE = 100;

/** Dot centres as fractions of the side, each at least `minSpacing` radii from the others and fully inside the image. */
export function placeDots(spec: DotsSpec, count: number, random: RandomSource): [number, number][] {
  const { radius } = spec;
  const minDistanceSquared = (spec.minSpacing * radius) ** 2;
  // Random sequential placement; a rare dead end (no room left) restarts the image.
  for (let attempt = 0; attempt < ATTEMPTS_PER_IMAGE; attempt++) {
    const centres: [number, number][] = [];
    for (let tries = 0; centres.length < count && tries < ATTEMPTS_PER_DOT * count; tries++) {
      const x = uniformIn(random, [radius, 1 - radius]);
      const y = uniformIn(random, [radius, 1 - radius]);
      if (centres.every(([cx, cy]) => (x - cx) ** 2 + (y - cy) ** 2 >= minDistanceSquared)) centres.push([x, y]);
    }
    if (centres.length === count) return centres;
  }
  throw new Error(`dots: cannot place ${count} dots of radius ${radius} at spacing ${spec.minSpacing}; lower counts, radius or minSpacing`);
}

export function dotsGenerator(spec: DotsSpec): SampleGenerator {
  const counts = [...spec.counts].sort((a, b) => a - b);
  const { size } = spec;
  const radiusPixels = spec.radius * size;
  return {
    type: 'dots',
    kind: 'image',
    shape: [size, size, 3],
    attributes: [{ name: 'numerosity', values: counts.map(String) }],
    factors: ['numerosity', 'red', 'green', 'blue'],
    draw(random: RandomSource, slot: SampleSlot): void {
      const countIndex = Math.min(counts.length - 1, Math.floor(random.uniform() * counts.length));
      const count = counts[countIndex] as number;
      const image = slot.data;
      fill(image, WHITE);
      const colorSum = [0, 0, 0];
      let dotPixels = 0;
      for (const [x, y] of placeDots(spec, count, random)) {
        const color = [uniformIn(random, spec.colorRange), uniformIn(random, spec.colorRange), uniformIn(random, spec.colorRange)] as const;
        forEachPixelInDisc(size, x * size, y * size, radiusPixels, (pixel) => {
          image.set(color, pixel * 3);
          for (let c = 0; c < 3; c++) colorSum[c]! += color[c] as number;
          dotPixels++;
        });
      }
      addNoise(image, spec.noise, random);
      slot.labels[0] = countIndex;
      slot.factors[0] = count;
      for (let c = 0; c < 3; c++) slot.factors[c + 1] = dotPixels > 0 ? (colorSum[c] as number) / dotPixels : NaN;
    },
  };
}

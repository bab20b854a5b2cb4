/**
 * The pie probe dataset (Zhao et al. 2018): one pie chart on white whose size, location,
 * number of colours and share of red are the generating factors, each measurable from pixels.
 */
import type { RandomSource } from '../random';
import type { SampleGenerator, SampleSlot } from './generatedDataset';
import { addNoise, fill, forEachPixelInDisc, pick, uniformIn, type Rgb } from './raster';
import { isFactorValues, type FactorChoice, type PieCombination, type PieSpec } from './spec';

export const PIE_RED: Rgb = [0.9, 0.1, 0.1];
/** The other sector colours: red never dominates (R ≤ max(G, B)), and any two are > 0.3 apart in RGB. */
export const PIE_OTHER_COLORS: readonly Rgb[] = [
  [0.15, 0.35, 0.85],
  [0.2, 0.7, 0.25],
  [0.45, 0.2, 0.75],
  [0.1, 0.6, 0.6],
  [0.1, 0.1, 0.45],
];
export const PIE_MAX_COLORS = PIE_OTHER_COLORS.length + 1;

const WHITE: Rgb = [1, 1, 1];

export function drawFactor(random: RandomSource, choice: FactorChoice): number {
  return isFactorValues(choice) ? pick(random, choice.values) : uniformIn(random, choice);
}

interface PieFactors {
  readonly radius: number;
  readonly x: number;
  readonly y: number;
  readonly colors: number;
  readonly redProportion: number;
}

function drawPie(spec: PieSpec, random: RandomSource): PieFactors {
  const fixed: PieCombination = spec.combinations ? pick(random, spec.combinations) : {};
  const radius = fixed.radius ?? drawFactor(random, spec.radius);
  const x = fixed.x ?? drawFactor(random, spec.x);
  const y = fixed.y ?? drawFactor(random, spec.y);
  const colors = fixed.colors ?? pick(random, spec.colors);
  const redProportion = fixed.redProportion ?? drawFactor(random, spec.redProportion);
  // A one-colour pie is all red, whatever share was drawn.
  return { radius, x, y, colors, redProportion: colors === 1 ? 1 : redProportion };
}

export function pieGenerator(spec: PieSpec): SampleGenerator {
  const { size } = spec;
  const colorCounts = [...new Set([...spec.colors, ...(spec.combinations ?? []).flatMap((c) => (c.colors === undefined ? [] : [c.colors]))])].sort((a, b) => a - b);
  return {
    type: 'pie',
    kind: 'image',
    shape: [size, size, 3],
    attributes: [{ name: 'colors', values: colorCounts.map(String) }],
    factors: ['radius', 'x', 'y', 'colors', 'redProportion'],
    draw(random: RandomSource, slot: SampleSlot): void {
      const pie = drawPie(spec, random);
      // The red sector starts at a random angle; the others share the rest equally, in a random choice of colours.
      const start = 2 * Math.PI * random.uniform();
      const others = [...PIE_OTHER_COLORS];
      for (let i = others.length - 1; i > 0; i--) {
        const j = Math.floor(random.uniform() * (i + 1));
        [others[i], others[j]] = [others[j] as Rgb, others[i] as Rgb];
      }
      const otherCount = pie.colors - 1;
      const otherShare = otherCount > 0 ? (1 - pie.redProportion) / otherCount : 0;

      const image = slot.data;
      fill(image, WHITE);
      forEachPixelInDisc(size, pie.x * size, pie.y * size, pie.radius * size, (pixel, dx, dy) => {
        const turn = (((Math.atan2(dy, dx) - start) / (2 * Math.PI)) % 1 + 1) % 1;
        const color = otherCount === 0 || turn < pie.redProportion ? PIE_RED : (others[Math.min(otherCount - 1, Math.floor((turn - pie.redProportion) / otherShare))] as Rgb);
        image.set(color, pixel * 3);
      });
      addNoise(image, spec.noise, random);

      slot.labels[0] = colorCounts.indexOf(pie.colors);
      slot.factors.set([pie.radius, pie.x, pie.y, pie.colors, pie.redProportion]);
    },
  };
}

/**
 * Sprites: a circle or a square, red or blue, on white, with a configurable joint
 * distribution of the two attributes so that one combination can be made rare. It stands in
 * for "grey-haired women" in the progressive-monitoring paper: the group a generator drops first.
 */
import type { RandomSource } from '../random';
import type { SampleGenerator, SampleSlot } from './generatedDataset';
import { addNoise, fill, forEachPixelInDisc, uniformIn, type Rgb } from './raster';
import type { SpriteColor, SpriteShape, SpritesSpec } from './spec';

export const SPRITE_SHAPES: readonly SpriteShape[] = ['circle', 'square'];
export const SPRITE_COLORS: readonly SpriteColor[] = ['red', 'blue'];
export const SPRITE_BASE_COLORS: Readonly<Record<SpriteColor, Rgb>> = { red: [0.85, 0.15, 0.15], blue: [0.15, 0.25, 0.85] };

const WHITE: Rgb = [1, 1, 1];

/** The four combinations' probabilities, shape-major (circle-red, circle-blue, square-red, square-blue). */
export function spriteProbabilities(spec: SpritesSpec): number[] {
  const weights = SPRITE_SHAPES.flatMap((shape) => SPRITE_COLORS.map((color) => spec.joint[shape][color]));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

export function spritesGenerator(spec: SpritesSpec): SampleGenerator {
  const { size } = spec;
  const probabilities = spriteProbabilities(spec);
  return {
    type: 'sprites',
    kind: 'image',
    shape: [size, size, 3],
    attributes: [
      { name: 'shape', values: [...SPRITE_SHAPES] },
      { name: 'color', values: [...SPRITE_COLORS] },
    ],
    factors: ['x', 'y', 'scale'],
    draw(random: RandomSource, slot: SampleSlot): void {
      const u = random.uniform();
      let combination = 0;
      for (let cumulative = probabilities[0] as number; combination < probabilities.length - 1 && u >= cumulative; ) {
        combination++;
        cumulative += probabilities[combination] as number;
      }
      const shapeIndex = Math.floor(combination / SPRITE_COLORS.length);
      const colorIndex = combination % SPRITE_COLORS.length;
      const base = SPRITE_BASE_COLORS[SPRITE_COLORS[colorIndex] as SpriteColor];
      const color = base.map((v) => Math.min(1, Math.max(0, v + uniformIn(random, [-spec.colorJitter, spec.colorJitter])))) as unknown as Rgb;

      const scale = uniformIn(random, spec.scale);
      const half = scale / 2;
      const x = uniformIn(random, [half, 1 - half]);
      const y = uniformIn(random, [half, 1 - half]);
      const image = slot.data;
      fill(image, WHITE);
      if (SPRITE_SHAPES[shapeIndex] === 'circle') {
        forEachPixelInDisc(size, x * size, y * size, half * size, (pixel) => image.set(color, pixel * 3));
      } else {
        // Pixels whose centres fall inside the square.
        const low = (v: number): number => Math.max(0, Math.ceil((v - half) * size - 0.5));
        const high = (v: number): number => Math.min(size - 1, Math.floor((v + half) * size - 0.5));
        for (let row = low(y); row <= high(y); row++) {
          for (let col = low(x); col <= high(x); col++) image.set(color, (row * size + col) * 3);
        }
      }
      addNoise(image, spec.noise, random);
      slot.labels[0] = shapeIndex;
      slot.labels[1] = colorIndex;
      slot.factors.set([x, y, scale]);
    },
  };
}

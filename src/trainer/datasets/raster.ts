/** Small drawing helpers for the synthetic image datasets: white canvas, hard-edged shapes, pixel noise. */
import type { RandomSource } from '../random';

export type Rgb = readonly [number, number, number];

/** Sets every pixel of an RGB image to `color`. */
export function fill(image: Float32Array, color: Rgb): void {
  for (let p = 0; p < image.length; p += 3) {
    image[p] = color[0];
    image[p + 1] = color[1];
    image[p + 2] = color[2];
  }
}

/**
 * Calls `paint(pixelIndex, dx, dy)` for every pixel whose centre lies within `radius` of
 * (cx, cy), all in pixels; dx, dy are the pixel centre's offset from the disc's centre.
 * Hard edges, no anti-aliasing: a dot's area then does not depend on its colour, which the
 * numerosity counter relies on.
 */
export function forEachPixelInDisc(size: number, cx: number, cy: number, radius: number, paint: (pixel: number, dx: number, dy: number) => void): void {
  const rowStart = Math.max(0, Math.floor(cy - radius));
  const rowEnd = Math.min(size - 1, Math.ceil(cy + radius));
  const colStart = Math.max(0, Math.floor(cx - radius));
  const colEnd = Math.min(size - 1, Math.ceil(cx + radius));
  const radiusSquared = radius * radius;
  for (let row = rowStart; row <= rowEnd; row++) {
    const dy = row + 0.5 - cy;
    for (let col = colStart; col <= colEnd; col++) {
      const dx = col + 0.5 - cx;
      if (dx * dx + dy * dy <= radiusSquared) paint(row * size + col, dx, dy);
    }
  }
}

/**
 * Adds N(0, sigma²) to every value and clips to [0, 1]. Pixel noise is most of the cost of a
 * synthetic image, so it runs its own sfc32 on local variables (seeded from `random`, hence
 * just as reproducible) and Marsaglia's polar method, several times faster than calling
 * `random.normal()` per pixel.
 */
export function addNoise(image: Float32Array, sigma: number, random: RandomSource): void {
  if (sigma <= 0) return;
  let a = (random.uniform() * 4294967296) | 0;
  let b = (random.uniform() * 4294967296) | 0;
  let c = (random.uniform() * 4294967296) | 0;
  let d = (random.uniform() * 4294967296) | 0;
  let i = 0;
  while (i < image.length) {
    let x: number;
    let y: number;
    let s: number;
    do {
      let t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      x = (t >>> 0) / 2147483648 - 1;
      t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      y = (t >>> 0) / 2147483648 - 1;
      s = x * x + y * y;
    } while (s >= 1 || s === 0);
    const factor = sigma * Math.sqrt((-2 * Math.log(s)) / s);
    image[i] = Math.min(1, Math.max(0, (image[i] as number) + x * factor));
    i++;
    if (i < image.length) image[i] = Math.min(1, Math.max(0, (image[i] as number) + y * factor));
    i++;
  }
}

/** Uniform in [low, high]. */
export function uniformIn(random: RandomSource, [low, high]: readonly [number, number]): number {
  return low + (high - low) * random.uniform();
}

/** One element of a non-empty list, with equal probability. */
export function pick<T>(random: RandomSource, values: readonly T[]): T {
  const value = values[Math.min(values.length - 1, Math.floor(random.uniform() * values.length))];
  if (value === undefined) throw new Error('cannot pick from an empty list');
  return value;
}

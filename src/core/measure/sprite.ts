/** Shape and colour of a sprite image, read from pixels, so generated sprites can be grouped like real ones. */
import { checkImage, inkMask, type ImageShape } from './image';

export interface SpriteMeasurement {
  /** Object pixels. */
  readonly area: number;
  /** Object pixels over the pixels of their bounding box: π/4 for a disc, 1 for an axis-aligned square. */
  readonly fill: number;
  /** 'circle' or 'square' from the fill; undefined when there is no object. */
  readonly shape: 'circle' | 'square' | undefined;
  /** 'red' or 'blue', whichever channel dominates the object on average; undefined when there is no object. */
  readonly color: 'red' | 'blue' | undefined;
  readonly meanColor: readonly [number, number, number];
}

/** Halfway between a disc's fill (π/4 ≈ 0.785) and a square's (1). */
const SQUARE_FILL = (Math.PI / 4 + 1) / 2;

export function measureSprite(pixels: Float32Array, shape: ImageShape, threshold = 0.15): SpriteMeasurement {
  checkImage(pixels, shape);
  if (shape.channels !== 3) throw new Error(`sprite measurements need RGB images, got ${shape.channels} channel(s)`);
  const mask = inkMask(pixels, shape, threshold);
  const { width } = shape;
  let area = 0;
  let top = Infinity;
  let bottom = -Infinity;
  let left = Infinity;
  let right = -Infinity;
  const sums = [0, 0, 0];
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] === 0) continue;
    area++;
    const row = Math.floor(p / width);
    const col = p % width;
    top = Math.min(top, row);
    bottom = Math.max(bottom, row);
    left = Math.min(left, col);
    right = Math.max(right, col);
    for (let c = 0; c < 3; c++) sums[c]! += pixels[3 * p + c] as number;
  }
  if (area === 0) return { area, fill: NaN, shape: undefined, color: undefined, meanColor: [NaN, NaN, NaN] };
  const fill = area / ((bottom - top + 1) * (right - left + 1));
  const [r, g, b] = sums.map((sum) => sum / area) as [number, number, number];
  return { area, fill, shape: fill >= SQUARE_FILL ? 'square' : 'circle', color: r > b ? 'red' : 'blue', meanColor: [r, g, b] };
}

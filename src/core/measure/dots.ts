/**
 * Numerosity of a dots image (Zhao et al. 2018), measured from pixels so it applies to
 * generated images as well as real ones.
 */
import { connectedComponents } from './components';
import { checkImage, inkMask, type ImageShape } from './image';

export interface DotCountOptions {
  /** The dots' radius as a fraction of the image side (the dataset's `radius`). */
  readonly dotRadius: number;
  /** A pixel is ink when some channel differs from the background by more than this. Default 0.15: 5σ of the default noise. */
  readonly threshold?: number;
  /** Components smaller than this fraction of one dot's area are specks, not dots. Default 0.3. */
  readonly minDotFraction?: number;
}

export interface DotMeasurement {
  /** Estimated number of dots. */
  readonly numerosity: number;
  /** Connected ink regions large enough to hold a dot (touching dots form one). */
  readonly components: number;
  /** Ink pixels counted in those regions. */
  readonly inkArea: number;
  /** Mean colour of those pixels per channel; NaN where there is no ink. */
  readonly meanColor: readonly number[];
}

export const DEFAULT_DOT_THRESHOLD = 0.15;
export const DEFAULT_MIN_DOT_FRACTION = 0.3;

/**
 * Counts dots as ink components, each worth round(area / area of one dot) dots and at least
 * one. At 32×32 the default spacing leaves a fraction of a pixel between neighbouring dots,
 * so two dots often share a component; their summed area still tells how many there are.
 */
export function measureDots(pixels: Float32Array, shape: ImageShape, options: DotCountOptions): DotMeasurement {
  checkImage(pixels, shape);
  if (!(options.dotRadius > 0)) throw new RangeError(`dotRadius must be positive, got ${options.dotRadius}`);
  const threshold = options.threshold ?? DEFAULT_DOT_THRESHOLD;
  const dotArea = Math.PI * (options.dotRadius * shape.width) * (options.dotRadius * shape.height);
  const minArea = (options.minDotFraction ?? DEFAULT_MIN_DOT_FRACTION) * dotArea;

  const { channels } = shape;
  const { labels, areas } = connectedComponents(inkMask(pixels, shape, threshold), shape.height, shape.width);
  let numerosity = 0;
  let components = 0;
  let inkArea = 0;
  for (const area of areas) {
    if (area < minArea) continue;
    components++;
    inkArea += area;
    numerosity += Math.max(1, Math.round(area / dotArea));
  }

  const colorSums = new Float64Array(channels);
  for (let p = 0; p < labels.length; p++) {
    const label = labels[p] as number;
    if (label === 0 || (areas[label - 1] as number) < minArea) continue;
    for (let c = 0; c < channels; c++) colorSums[c] = (colorSums[c] as number) + (pixels[p * channels + c] as number);
  }
  const meanColor = Array.from(colorSums, (sum) => (inkArea > 0 ? sum / inkArea : NaN));
  return { numerosity, components, inkArea, meanColor };
}

/** Features of a pie image (Zhao et al. 2018), measured from pixels alone. */
import { checkImage, inkMask, type ImageShape } from './image';

export interface PieMeasureOptions {
  /** A pixel belongs to the pie when some channel differs from the background by more than this. Default 0.15. */
  readonly threshold?: number;
  /** Two pixels whose colours are within this RGB distance are the same colour. Default 0.2. */
  readonly colorTolerance?: number;
  /** A colour counts when it covers at least this share of the pie. Default 0.02. */
  readonly minColorShare?: number;
}

export interface PieMeasurement {
  /** Pie pixels. */
  readonly area: number;
  /** sqrt(area / π), as a fraction of the image width. */
  readonly radius: number;
  /** Centroid of the pie pixels, as fractions of the image width and height; NaN for an empty image. */
  readonly x: number;
  readonly y: number;
  /** Share of pie pixels with R > max(G, B); NaN for an empty image. */
  readonly redProportion: number;
  /** Distinct colours covering at least `minColorShare` of the pie. */
  readonly colors: number;
}

export function measurePie(pixels: Float32Array, shape: ImageShape, options: PieMeasureOptions = {}): PieMeasurement {
  checkImage(pixels, shape);
  if (shape.channels !== 3) throw new Error(`pie measurements need RGB images, got ${shape.channels} channel(s)`);
  const mask = inkMask(pixels, shape, options.threshold ?? 0.15);
  const tolerance = options.colorTolerance ?? 0.2;
  const { width } = shape;

  let area = 0;
  let sumX = 0;
  let sumY = 0;
  let red = 0;
  // Leader clustering: each pixel joins the first colour within tolerance of it, else starts a new one.
  const clusters: { r: number; g: number; b: number; size: number }[] = [];
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] === 0) continue;
    area++;
    sumX += (p % width) + 0.5;
    sumY += Math.floor(p / width) + 0.5;
    const r = pixels[3 * p] as number;
    const g = pixels[3 * p + 1] as number;
    const b = pixels[3 * p + 2] as number;
    if (r > Math.max(g, b)) red++;
    const cluster = clusters.find((c) => Math.hypot(c.r - r, c.g - g, c.b - b) <= tolerance);
    if (cluster) {
      cluster.size++;
      cluster.r += (r - cluster.r) / cluster.size;
      cluster.g += (g - cluster.g) / cluster.size;
      cluster.b += (b - cluster.b) / cluster.size;
    } else {
      clusters.push({ r, g, b, size: 1 });
    }
  }
  const minPixels = (options.minColorShare ?? 0.02) * area;
  return {
    area,
    radius: Math.sqrt(area / Math.PI) / width,
    x: area > 0 ? sumX / area / width : NaN,
    y: area > 0 ? sumY / area / shape.height : NaN,
    redProportion: area > 0 ? red / area : NaN,
    colors: clusters.filter((c) => c.size >= minPixels && c.size > 0).length,
  };
}

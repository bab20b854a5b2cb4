/**
 * Images as the measurements see them: float32, row-major height × width × channels, values
 * in [0, 1]. Real and generated images go through the same functions, so a feature's
 * distribution in generated samples can be compared with the training distribution.
 */

export interface ImageShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Reads an [height, width, channels] shape, as datasets declare it. */
export function imageShape(shape: readonly number[]): ImageShape {
  const [height, width, channels] = shape;
  if (shape.length !== 3 || !height || !width || !channels) throw new Error(`expected an image shape [height, width, channels], got [${shape.join(', ')}]`);
  return { height, width, channels };
}

export function checkImage(pixels: Float32Array, shape: ImageShape): void {
  const expected = shape.height * shape.width * shape.channels;
  if (pixels.length !== expected) {
    throw new Error(`image has ${pixels.length} values, expected ${shape.height}×${shape.width}×${shape.channels} = ${expected}`);
  }
}

const BINS = 256;

/**
 * The background colour: the per-channel median. Objects cover well under half of every probe
 * image, so the median is the background even when a generator tints it.
 */
export function backgroundColor(pixels: Float32Array, shape: ImageShape): Float32Array {
  checkImage(pixels, shape);
  const { channels } = shape;
  const pixelCount = shape.height * shape.width;
  const background = new Float32Array(channels);
  const histogram = new Int32Array(BINS);
  for (let c = 0; c < channels; c++) {
    histogram.fill(0);
    for (let p = 0; p < pixelCount; p++) {
      const value = pixels[p * channels + c] as number;
      const bin = Math.min(BINS - 1, Math.max(0, Math.floor(value * BINS)));
      histogram[bin]!++;
    }
    let seen = 0;
    let bin = 0;
    while (bin < BINS - 1 && seen + (histogram[bin] as number) <= pixelCount / 2) seen += histogram[bin++] as number;
    background[c] = (bin + 0.5) / BINS;
  }
  return background;
}

/** Per pixel, the largest difference of any channel from the background: how much ink the pixel holds. */
export function inkMap(pixels: Float32Array, shape: ImageShape, background: Float32Array): Float32Array {
  checkImage(pixels, shape);
  const { channels } = shape;
  const pixelCount = shape.height * shape.width;
  const ink = new Float32Array(pixelCount);
  for (let p = 0; p < pixelCount; p++) {
    let largest = 0;
    for (let c = 0; c < channels; c++) largest = Math.max(largest, Math.abs((pixels[p * channels + c] as number) - (background[c] as number)));
    ink[p] = largest;
  }
  return ink;
}

/** 1 where the ink exceeds `threshold`. */
export function inkMask(pixels: Float32Array, shape: ImageShape, threshold: number): Uint8Array {
  const ink = inkMap(pixels, shape, backgroundColor(pixels, shape));
  const mask = new Uint8Array(ink.length);
  for (let p = 0; p < ink.length; p++) mask[p] = (ink[p] as number) > threshold ? 1 : 0;
  return mask;
}

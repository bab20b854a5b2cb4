/**
 * Centre-crops an image to a square and resamples it to size × size by area averaging: each
 * output pixel is the overlap-weighted mean of the source pixels it covers, which downsamples
 * without aliasing (and upsamples by replication).
 */
import type { RgbaImage } from './imageDecode';

/** Rec. 601 luma weights, the usual grey conversion. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** Source index ranges and weights along one axis, for `outputs` cells over [start, start + length). */
function axisWeights(start: number, length: number, outputs: number): { first: number; weights: number[] }[] {
  const step = length / outputs;
  return Array.from({ length: outputs }, (_, o) => {
    const low = start + o * step;
    // Clamped: rounding must never reach a source pixel past the crop.
    const high = Math.min(low + step, start + length);
    const first = Math.floor(low);
    const weights: number[] = [];
    for (let s = first; s < high; s++) weights.push((Math.min(high, s + 1) - Math.max(low, s)) / step);
    return { first, weights };
  });
}

/** Writes the resized image as bytes (size × size × channels) into `out` at `offset`; transparency is composited onto white. */
export function resizeInto(image: RgbaImage, size: number, channels: 1 | 3, out: Uint8Array, offset: number): void {
  const side = Math.min(image.width, image.height);
  const rows = axisWeights(Math.floor((image.height - side) / 2), side, size);
  const cols = axisWeights(Math.floor((image.width - side) / 2), side, size);
  const rgb = [0, 0, 0];
  for (let oy = 0; oy < size; oy++) {
    const row = rows[oy] as { first: number; weights: number[] };
    for (let ox = 0; ox < size; ox++) {
      const col = cols[ox] as { first: number; weights: number[] };
      rgb.fill(0);
      row.weights.forEach((wy, dy) => {
        col.weights.forEach((wx, dx) => {
          const p = ((row.first + dy) * image.width + col.first + dx) * 4;
          const alpha = (image.data[p + 3] as number) / 255;
          for (let c = 0; c < 3; c++) rgb[c]! += wy * wx * ((image.data[p + c] as number) * alpha + 255 * (1 - alpha));
        });
      });
      const target = offset + (oy * size + ox) * channels;
      if (channels === 3) for (let c = 0; c < 3; c++) out[target + c] = Math.round(rgb[c] as number);
      else out[target] = Math.round(LUMA[0] * (rgb[0] as number) + LUMA[1] * (rgb[1] as number) + LUMA[2] * (rgb[2] as number));
    }
  }
}

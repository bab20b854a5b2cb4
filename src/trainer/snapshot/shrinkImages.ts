/**
 * Shrinking square HWC float images by area averaging, for what a snapshot writes: the pixel
 * vectors the projection embeds and the 8-bit thumbnails the panel shows. Area averaging keeps
 * thin strokes (MNIST) visible at any ratio, where sampling would drop them.
 */

export interface ImageBatch {
  /** Row-major [count, side, side, channels], values in [0, 1]. */
  readonly data: Float32Array;
  readonly count: number;
  readonly side: number;
  readonly channels: number;
}

/** weights[o][i]: the share of output pixel o covered by source pixel i, for `source` → `target` pixels. */
function areaWeights(source: number, target: number): Float32Array[] {
  const scale = source / target;
  return Array.from({ length: target }, (_, o) => {
    const row = new Float32Array(source);
    const start = o * scale;
    const end = start + scale;
    for (let i = Math.floor(start); i < Math.min(source, Math.ceil(end)); i++) {
      row[i] = (Math.min(end, i + 1) - Math.max(start, i)) / scale;
    }
    return row;
  });
}

/** The images shrunk to `maxSide` (or unchanged, not copied, when they are no larger). */
export function shrinkImages(images: ImageBatch, maxSide: number): ImageBatch {
  const { data, count, side, channels } = images;
  if (side <= maxSide) return images;
  const target = maxSide;
  const weights = areaWeights(side, target);
  const out = new Float32Array(count * target * target * channels);
  // Rows first ([target, side, channels]), then columns: two passes of side × target work per pixel row.
  const rows = new Float32Array(target * side * channels);
  const imageSize = side * side * channels;
  for (let n = 0; n < count; n++) {
    const image = n * imageSize;
    rows.fill(0);
    for (let oy = 0; oy < target; oy++) {
      const wy = weights[oy] as Float32Array;
      for (let y = 0; y < side; y++) {
        const w = wy[y] ?? 0;
        if (w === 0) continue;
        const from = image + y * side * channels;
        const to = oy * side * channels;
        for (let k = 0; k < side * channels; k++) rows[to + k] = (rows[to + k] ?? 0) + w * (data[from + k] ?? 0);
      }
    }
    const outImage = n * target * target * channels;
    for (let oy = 0; oy < target; oy++) {
      for (let ox = 0; ox < target; ox++) {
        const wx = weights[ox] as Float32Array;
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          for (let x = 0; x < side; x++) {
            const w = wx[x] ?? 0;
            if (w !== 0) sum += w * (rows[(oy * side + x) * channels + c] ?? 0);
          }
          out[outImage + (oy * target + ox) * channels + c] = sum;
        }
      }
    }
  }
  return { data: out, count, side: target, channels };
}

/** The first `count` images as 8-bit pixels (0 → 0, 1 → 255), shrunk to at most `maxSide`. */
export function thumbnails(images: ImageBatch, count: number, maxSide: number): { readonly data: Uint8Array; readonly shape: number[] } {
  const kept = Math.min(count, images.count);
  const imageSize = images.side * images.side * images.channels;
  const small = shrinkImages({ ...images, count: kept, data: images.data.subarray(0, kept * imageSize) }, maxSide);
  const bytes = new Uint8Array(small.data.length);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round(255 * Math.min(1, Math.max(0, small.data[i] ?? 0)));
  return { data: bytes, shape: [kept, small.side, small.side, small.channels] };
}

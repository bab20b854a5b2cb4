/** Squared Euclidean distance between rows `a` and `b` of a row-major matrix with `dim` columns. */
export function squaredDistance(data: Float32Array, a: number, b: number, dim: number): number {
  let offsetA = a * dim;
  let offsetB = b * dim;
  const end = offsetA + dim;
  // Four accumulators let V8 overlap the multiply-adds instead of waiting on one running sum.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end4 = offsetA + (dim & ~3);
  while (offsetA < end4) {
    const d0 = (data[offsetA] as number) - (data[offsetB] as number);
    const d1 = (data[offsetA + 1] as number) - (data[offsetB + 1] as number);
    const d2 = (data[offsetA + 2] as number) - (data[offsetB + 2] as number);
    const d3 = (data[offsetA + 3] as number) - (data[offsetB + 3] as number);
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
    offsetA += 4;
    offsetB += 4;
  }
  while (offsetA < end) {
    const d = (data[offsetA] as number) - (data[offsetB] as number);
    s0 += d * d;
    offsetA++;
    offsetB++;
  }
  return s0 + s1 + s2 + s3;
}

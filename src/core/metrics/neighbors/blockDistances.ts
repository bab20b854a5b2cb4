/**
 * Squared Euclidean distances from one query row to a contiguous run of rows, written to `out[0 ..)`.
 * Four rows at a time share each loaded query value, which roughly doubles the throughput of
 * comparing one pair at a time in V8.
 */
export function blockDistances(query: Float32Array, queryRow: number, rows: Float32Array, fromRow: number, toRow: number, dim: number, out: Float32Array): void {
  const q = queryRow * dim;
  let row = fromRow;
  let slot = 0;
  for (; row + 4 <= toRow; row += 4, slot += 4) {
    const r0 = row * dim;
    const r1 = r0 + dim;
    const r2 = r1 + dim;
    const r3 = r2 + dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let c = 0; c < dim; c++) {
      const v = query[q + c] as number;
      const d0 = v - (rows[r0 + c] as number);
      const d1 = v - (rows[r1 + c] as number);
      const d2 = v - (rows[r2 + c] as number);
      const d3 = v - (rows[r3 + c] as number);
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    out[slot] = s0;
    out[slot + 1] = s1;
    out[slot + 2] = s2;
    out[slot + 3] = s3;
  }
  for (; row < toRow; row++, slot++) {
    const r = row * dim;
    let s = 0;
    for (let c = 0; c < dim; c++) {
      const d = (query[q + c] as number) - (rows[r + c] as number);
      s += d * d;
    }
    out[slot] = s;
  }
}

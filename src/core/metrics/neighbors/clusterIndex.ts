/**
 * Exact neighbour queries on float32 rows, pruned with the triangle inequality around cluster
 * centres. The metrics need exact k-NN radii and exact "which balls contain this point" answers
 * (precision, recall, density, coverage, memorization). Comparing every pair costs n² · dim; but
 * evaluator features are clustered, and a row x at distance t from its centre c cannot be closer to
 * a query than |d(q, c) − t|, so most rows are ruled out without being compared. Rows are stored in
 * cluster order, sorted by t, so the rows still in play form one contiguous run per cluster that
 * the SIMD kernel measures in one call. The answers equal a full comparison (of float32 distances);
 * only the time depends on the data: unstructured noise prunes little.
 */
import { createRandom } from '../../projection/random';
import { packRows, type PackedRows } from './packedRows';

export interface ClusterIndexOptions {
  /** Number of centres; default round(√n), at most 256. */
  readonly clusters?: number;
  readonly seed?: number;
  /** Use the plain-JavaScript kernel even where WebAssembly SIMD exists (tests compare the two). */
  readonly forceJavaScript?: boolean;
}

/** Distances are compared this many rows at a time, so a bound that tightens mid-cluster cuts the rest. */
const CHUNK = 64;

export class ClusterIndex {
  private constructor(
    readonly n: number,
    readonly dim: number,
    private readonly rows: PackedRows,
    private readonly centres: PackedRows,
    private readonly clusterCount: number,
    /** Members of cluster c occupy slots start[c] .. start[c+1], ascending distance to the centre. */
    private readonly start: Int32Array,
    /** Original row id of each slot. */
    private readonly members: Int32Array,
    private readonly toCentre: Float64Array,
    /** Largest member distance to the centre, per cluster. */
    private readonly radius: Float64Array,
  ) {}

  get kernel(): PackedRows['kernel'] {
    return this.rows.kernel;
  }

  static build(data: Float32Array, n: number, dim: number, options: ClusterIndexOptions = {}): ClusterIndex {
    checkRows(data, n, dim, 'indexed');
    const m = Math.max(1, Math.min(n, options.clusters ?? Math.min(256, Math.round(Math.sqrt(n)))));
    const centreRows = pickCentres(n, m, options.seed ?? 1);
    const centres = packRows(data, dim, m, centreRows, options.forceJavaScript);
    const cluster = new Int32Array(n);
    const distance = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      centres.setQuery(data, i);
      const squared = centres.squaredDistances(0, m);
      let nearest = 0;
      for (let c = 1; c < m; c++) if ((squared[c] as number) < (squared[nearest] as number)) nearest = c;
      cluster[i] = nearest;
      distance[i] = Math.sqrt(squared[nearest] as number);
    }
    const start = new Int32Array(m + 1);
    for (let i = 0; i < n; i++) start[(cluster[i] as number) + 1]!++;
    for (let c = 0; c < m; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
    const fill = start.slice(0, m);
    const members = new Int32Array(n);
    for (let i = 0; i < n; i++) members[fill[cluster[i] as number]!++] = i;
    const toCentre = new Float64Array(n);
    const radius = new Float64Array(m);
    for (let c = 0; c < m; c++) {
      const from = start[c] as number;
      const to = start[c + 1] as number;
      const sorted = Array.from(members.subarray(from, to)).sort((a, b) => (distance[a] as number) - (distance[b] as number));
      for (let s = 0; s < sorted.length; s++) {
        members[from + s] = sorted[s] as number;
        toCentre[from + s] = distance[sorted[s] as number] as number;
      }
      radius[c] = to > from ? (toCentre[to - 1] as number) : 0;
    }
    const rows = packRows(data, dim, n, members, options.forceJavaScript);
    return new ClusterIndex(n, dim, rows, centres, m, start, members, toCentre, radius);
  }

  /**
   * Distance from each query row to its k-th nearest indexed row. With `self`, the queries are the
   * indexed rows themselves (same order) and a row is not its own neighbour. Fewer than k candidates → Infinity.
   */
  kthNearest(queries: Float32Array, count: number, k: number, self: boolean): Float64Array {
    checkRows(queries, count, this.dim, 'query');
    if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a positive integer, got ${k}`);
    if (self && count !== this.n) throw new RangeError(`self queries must be the ${this.n} indexed rows, got ${count}`);
    const result = new Float64Array(count);
    const toCentres = new Float64Array(this.clusterCount);
    const best = new Float64Array(k);
    for (let q = 0; q < count; q++) {
      const nearestCluster = this.prepareQuery(queries, q, toCentres);
      best.fill(Infinity);
      const exclude = self ? q : -1;
      this.scanNearest(exclude, nearestCluster, toCentres, best);
      for (let c = 0; c < this.clusterCount; c++) if (c !== nearestCluster) this.scanNearest(exclude, c, toCentres, best);
      result[q] = best[k - 1] as number;
    }
    return result;
  }

  /** For each query row: how many indexed rows x hold it inside their ball, d(q, x) ≤ radii[x]. */
  countInsideBalls(queries: Float32Array, count: number, radii: Float64Array): Int32Array {
    checkRows(queries, count, this.dim, 'query');
    const clusterReach = this.largestRadiusPerCluster(radii);
    const counts = new Int32Array(count);
    const toCentres = new Float64Array(this.clusterCount);
    for (let q = 0; q < count; q++) {
      this.prepareQuery(queries, q, toCentres);
      let inside = 0;
      for (let c = 0; c < this.clusterCount; c++) {
        const dc = toCentres[c] as number;
        const reach = clusterReach[c] as number;
        if (dc - (this.radius[c] as number) > reach) continue;
        const from = this.firstSlotAtLeast(c, dc - reach);
        const to = this.firstSlotAbove(c, dc + reach);
        if (to <= from) continue;
        const squared = this.rows.squaredDistances(from, to);
        for (let slot = from; slot < to; slot++) {
          const r = radii[this.members[slot] as number] as number;
          if ((squared[slot - from] as number) <= r * r) inside++;
        }
      }
      counts[q] = inside;
    }
    return counts;
  }

  /**
   * For each query row q: `inBall[q]` = 1 when some indexed row x has d(q, x) ≤ ballRadii[x]
   * (recall's question); `ownBallHit[q]` = 1 when some indexed row lies within queryRadii[q] of q
   * (coverage's question).
   */
  reach(queries: Float32Array, count: number, ballRadii: Float64Array, queryRadii: Float64Array): { inBall: Uint8Array; ownBallHit: Uint8Array } {
    checkRows(queries, count, this.dim, 'query');
    if (queryRadii.length < count) throw new RangeError(`need a radius for each of the ${count} queries, got ${queryRadii.length}`);
    const clusterReach = this.largestRadiusPerCluster(ballRadii);
    const inBall = new Uint8Array(count);
    const ownBallHit = new Uint8Array(count);
    const toCentres = new Float64Array(this.clusterCount);
    for (let q = 0; q < count; q++) {
      const nearestCluster = this.prepareQuery(queries, q, toCentres);
      const own = queryRadii[q] as number;
      let found = 0;
      for (let step = 0; step <= this.clusterCount && found !== 3; step++) {
        // The nearest cluster first: it usually settles both questions at once.
        const c = step === 0 ? nearestCluster : step - 1;
        if (step > 0 && c === nearestCluster) continue;
        const dc = toCentres[c] as number;
        const reach = Math.max(found & 1 ? -1 : (clusterReach[c] as number), found & 2 ? -1 : own);
        if (dc - (this.radius[c] as number) > reach) continue;
        const from = this.firstSlotAtLeast(c, dc - reach);
        const to = this.firstSlotAbove(c, dc + reach);
        for (let chunk = from; chunk < to && found !== 3; chunk += CHUNK) {
          const end = Math.min(to, chunk + CHUNK);
          const squared = this.rows.squaredDistances(chunk, end);
          for (let slot = chunk; slot < end; slot++) {
            const d2 = squared[slot - chunk] as number;
            const ball = ballRadii[this.members[slot] as number] as number;
            if (d2 <= ball * ball) found |= 1;
            if (d2 <= own * own) found |= 2;
          }
        }
      }
      inBall[q] = found & 1;
      ownBallHit[q] = (found >> 1) & 1;
    }
    return { inBall, ownBallHit };
  }

  /** Loads the query into both kernels, fills `out` with its distance to every centre; returns the nearest centre. */
  private prepareQuery(queries: Float32Array, q: number, out: Float64Array): number {
    this.rows.setQuery(queries, q);
    this.centres.setQuery(queries, q);
    const squared = this.centres.squaredDistances(0, this.clusterCount);
    let nearest = 0;
    for (let c = 0; c < this.clusterCount; c++) {
      out[c] = Math.sqrt(squared[c] as number);
      if ((out[c] as number) < (out[nearest] as number)) nearest = c;
    }
    return nearest;
  }

  /** Offers cluster c's members to the ascending list `best` (kept at its length k). */
  private scanNearest(exclude: number, c: number, toCentres: Float64Array, best: Float64Array): void {
    const k = best.length;
    const dc = toCentres[c] as number;
    let bound = best[k - 1] as number;
    if (dc - (this.radius[c] as number) >= bound) return;
    const end = this.start[c + 1] as number;
    for (let chunk = this.firstSlotAtLeast(c, dc - bound); chunk < end; chunk += CHUNK) {
      if ((this.toCentre[chunk] as number) - dc >= bound) return;
      const chunkEnd = Math.min(end, chunk + CHUNK);
      const squared = this.rows.squaredDistances(chunk, chunkEnd);
      for (let slot = chunk; slot < chunkEnd; slot++) {
        if (this.members[slot] === exclude) continue;
        const d = Math.sqrt(squared[slot - chunk] as number);
        if (d >= bound) continue;
        let position = k - 1;
        while (position > 0 && (best[position - 1] as number) > d) {
          best[position] = best[position - 1] as number;
          position--;
        }
        best[position] = d;
        bound = best[k - 1] as number;
      }
    }
  }

  /** First slot of cluster c whose distance to the centre is ≥ `value`. */
  private firstSlotAtLeast(c: number, value: number): number {
    let low = this.start[c] as number;
    let high = this.start[c + 1] as number;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.toCentre[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** First slot of cluster c whose distance to the centre is > `value` (the end of a window). */
  private firstSlotAbove(c: number, value: number): number {
    let low = this.start[c] as number;
    let high = this.start[c + 1] as number;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.toCentre[middle] as number) <= value) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private largestRadiusPerCluster(radii: Float64Array): Float64Array {
    if (radii.length < this.n) throw new RangeError(`need a radius for each of the ${this.n} indexed rows, got ${radii.length}`);
    const largest = new Float64Array(this.clusterCount);
    for (let c = 0; c < this.clusterCount; c++) {
      let value = -Infinity;
      for (let slot = this.start[c] as number; slot < (this.start[c + 1] as number); slot++) value = Math.max(value, radii[this.members[slot] as number] as number);
      largest[c] = value;
    }
    return largest;
  }
}

function checkRows(data: Float32Array, n: number, dim: number, what: string): void {
  if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(dim) && dim >= 1)) throw new RangeError(`${what} rows: bad shape [${n}, ${dim}]`);
  if (data.length < n * dim) throw new RangeError(`${what} rows: [${n}, ${dim}] needs ${n * dim} values, got ${data.length}`);
}

/** m distinct row ids chosen at random (seeded, so a snapshot's metrics are reproducible). */
function pickCentres(n: number, m: number, seed: number): Int32Array {
  const random = createRandom(seed);
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  for (let c = 0; c < m; c++) {
    const pick = c + random.int(n - c);
    const id = ids[pick] as number;
    ids[pick] = ids[c] as number;
    ids[c] = id;
  }
  return ids.subarray(0, m);
}

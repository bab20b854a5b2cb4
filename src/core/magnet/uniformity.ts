/**
 * How far a set of positions on a manifold is from uniform: the statistics MaGNET's verification
 * and demo report. Positions are normalised coordinates, in [0, 1] along each axis of the manifold.
 */

/**
 * Kolmogorov–Smirnov distance between the empirical distribution of `positions` (in [0, 1]) and
 * U(0, 1): the largest gap between the two CDFs. Uniform samples of size n give about 0.87/√n.
 */
export function ksDistanceToUniform(positions: ArrayLike<number>): number {
  const sorted = checkedPositions(positions, 1).sort((a, b) => a - b);
  const n = sorted.length;
  let distance = 0;
  sorted.forEach((x, i) => {
    distance = Math.max(distance, (i + 1) / n - x, x - i / n);
  });
  return distance;
}

/**
 * Total-variation distance between the histogram of points (row-major [n, dims], each coordinate
 * in [0, 1]) over binsPerAxis^dims equal cells and the uniform histogram: ½ Σ |share − 1/cells|.
 * 0 is perfectly even, 1 − 1/cells is everything in one cell.
 */
export function binnedTvDistanceToUniform(points: ArrayLike<number>, dims: number, binsPerAxis: number): number {
  if (!(Number.isInteger(binsPerAxis) && binsPerAxis >= 1)) throw new RangeError(`bins per axis must be a positive integer, got ${binsPerAxis}`);
  const values = checkedPositions(points, dims);
  const n = values.length / dims;
  const cells = binsPerAxis ** dims;
  const counts = new Float64Array(cells);
  for (let p = 0; p < n; p++) {
    let cell = 0;
    for (let d = 0; d < dims; d++) cell = cell * binsPerAxis + Math.min(binsPerAxis - 1, Math.floor((values[p * dims + d] as number) * binsPerAxis));
    counts[cell] = (counts[cell] as number) + 1;
  }
  let sum = 0;
  for (const count of counts) sum += Math.abs(count / n - 1 / cells);
  return sum / 2;
}

function checkedPositions(points: ArrayLike<number>, dims: number): number[] {
  if (!(Number.isInteger(dims) && dims >= 1)) throw new RangeError(`dimensions must be a positive integer, got ${dims}`);
  if (points.length === 0 || points.length % dims !== 0) throw new RangeError(`expected a non-empty set of ${dims}-dimensional points, got ${points.length} values`);
  const values = Array.from(points);
  values.forEach((value, i) => {
    if (!(value >= 0 && value <= 1)) throw new RangeError(`position ${i} is ${value}, outside [0, 1]`);
  });
  return values;
}

/**
 * The mean of `statistic` over `repetitions` sets of `count` truly uniform points in [0, 1]^dims:
 * the value a perfect sampler would still score at this sample size, because of sampling noise.
 */
export function uniformNoiseFloor(statistic: (points: Float64Array) => number, count: number, dims: number, repetitions: number, uniform: () => number): number {
  if (!(Number.isInteger(repetitions) && repetitions >= 1)) throw new RangeError(`repetitions must be a positive integer, got ${repetitions}`);
  let total = 0;
  for (let r = 0; r < repetitions; r++) {
    const points = new Float64Array(count * dims);
    for (let i = 0; i < points.length; i++) points[i] = uniform();
    total += statistic(points);
  }
  return total / repetitions;
}

/** Axis ranges of a 2-D map. */
export interface Bounds {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * The range of one frame's coordinates ([x0, y0, x1, y1, …]) on each axis, without the most extreme
 * 0.2 % at either end: a few diverging points are left outside rather than squashing everything else.
 */
export function coordinateRange(coordinates: readonly (number | null)[]): Bounds | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i + 1 < coordinates.length; i += 2) {
    const x = coordinates[i];
    const y = coordinates[i + 1];
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
      xs.push(x);
      ys.push(y);
    }
  }
  if (xs.length === 0) return undefined;
  const [xMin, xMax] = quantileRange(xs);
  const [yMin, yMax] = quantileRange(ys);
  return { xMin, xMax, yMin, yMax };
}

/**
 * One set of axes for every frame of a view, so that stepping along the timeline never rescales the
 * plot: a point that moves on screen moved in the map. Square (equal scales keep circles circular),
 * with a margin that keeps edge points visible.
 */
export function axesFor(ranges: readonly (Bounds | undefined)[]): Bounds | undefined {
  let union: { xMin: number; xMax: number; yMin: number; yMax: number } | undefined;
  for (const range of ranges) {
    if (!range) continue;
    if (!union) union = { ...range };
    else {
      union.xMin = Math.min(union.xMin, range.xMin);
      union.xMax = Math.max(union.xMax, range.xMax);
      union.yMin = Math.min(union.yMin, range.yMin);
      union.yMax = Math.max(union.yMax, range.yMax);
    }
  }
  if (!union) return undefined;
  const half = (Math.max(union.xMax - union.xMin, union.yMax - union.yMin, 1e-6) / 2) * 1.15;
  const cx = (union.xMin + union.xMax) / 2;
  const cy = (union.yMin + union.yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

function quantileRange(values: number[]): [number, number] {
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))] ?? 0;
  return [at(0.002), at(0.998)];
}

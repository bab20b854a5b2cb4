import type { SnapshotFrame } from '../../src/protocol/projectionPanel';

export interface Bounds {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * One set of axes for every snapshot, so that stepping along the timeline never rescales the plot:
 * a point that moves on screen moved in the data. Extreme outliers (a diverging generator) are left
 * outside the view rather than squashing everything else into a corner.
 */
export function boundsOf(frames: readonly SnapshotFrame[]): Bounds | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const frame of frames) {
    if (!frame) continue;
    for (const coordinates of [frame.real, frame.generated]) {
      for (let i = 0; i + 1 < coordinates.length; i += 2) {
        const x = coordinates[i];
        const y = coordinates[i + 1];
        if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
          xs.push(x);
          ys.push(y);
        }
      }
    }
  }
  if (xs.length === 0) return undefined;
  const [xLow, xHigh] = quantileRange(xs);
  const [yLow, yHigh] = quantileRange(ys);
  // Equal scales on both axes keep circles circular; the margin keeps edge points visible.
  const half = (Math.max(xHigh - xLow, yHigh - yLow, 1e-6) / 2) * 1.15;
  const cx = (xLow + xHigh) / 2;
  const cy = (yLow + yHigh) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

function quantileRange(values: number[]): [number, number] {
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))] ?? 0;
  return [at(0.002), at(0.998)];
}

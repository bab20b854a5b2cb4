/**
 * Small side-by-side scatters (the players' samples, standard vs MaGNET samples) drawn straight on
 * a canvas: a few hundred points each, where a chart.js instance per panel would cost more than
 * the drawing. One square box for all of a row's plots, so their spreads compare at a glance.
 */
export interface SquareBox {
  readonly minX: number;
  readonly minY: number;
  readonly span: number;
}

/** The square around every finite point of every group ([x0, y0, x1, y1, …]), with a small margin; undefined without one. */
export function squareBox(groups: readonly (readonly number[])[]): SquareBox | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const points of groups) {
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = points[i] as number;
      const y = points[i + 1] as number;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  if (!Number.isFinite(minX)) return undefined;
  const span = Math.max(maxX - minX, maxY - minY, 1e-9) * 1.08;
  return { minX: (minX + maxX) / 2 - span / 2, minY: (minY + maxY) / 2 - span / 2, span };
}

export interface ScatterLayer {
  readonly points: readonly number[];
  readonly color: string;
  /** Side of each dot in canvas pixels. */
  readonly dot: number;
}

/** Draws each layer in order (later ones on top) into a square canvas mapped from `box`. */
export function drawMiniScatter(canvas: HTMLCanvasElement, box: SquareBox, layers: readonly ScatterLayer[]): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const side = canvas.width;
  for (const { points, color, dot } of layers) {
    context.fillStyle = color;
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = (((points[i] as number) - box.minX) / box.span) * side;
      const y = side - (((points[i + 1] as number) - box.minY) / box.span) * side;
      if (Number.isFinite(x) && Number.isFinite(y)) context.fillRect(x - dot / 2, y - dot / 2, dot, dot);
    }
  }
}

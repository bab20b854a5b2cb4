/**
 * UMAP's gradient coefficients as functions of the 2-D distance r, tabulated on a uniform grid of r
 * and linearly interpolated: Math.pow costs ~60 ns here and the optimiser calls it for every
 * attraction and every negative sample, while a table lookup costs a few. Outside the table
 * (r ≥ TABLE_MAX_DISTANCE, or below its first step) the exact formula is used.
 *   attraction(r) = −2ab r^(2b−2) / (1 + a r^(2b))
 *   repulsion(r)  = 2b / ((0.001 + r²)(1 + a r^(2b)))
 */
export const TABLE_MAX_DISTANCE = 64;
export const TABLE_STEPS_PER_UNIT = 64;

export interface GradientTable {
  readonly attraction: Float64Array;
  readonly repulsion: Float64Array;
}

export function exactAttraction(distSquared: number, a: number, b: number): number {
  const powB = Math.pow(distSquared, b);
  return (-2 * a * b * powB) / distSquared / (a * powB + 1);
}

export function exactRepulsion(distSquared: number, a: number, b: number): number {
  return (2 * b) / ((0.001 + distSquared) * (a * Math.pow(distSquared, b) + 1));
}

export function buildGradientTable(a: number, b: number): GradientTable {
  const size = TABLE_MAX_DISTANCE * TABLE_STEPS_PER_UNIT + 2;
  const attraction = new Float64Array(size);
  const repulsion = new Float64Array(size);
  for (let i = 1; i < size; i++) {
    const r = i / TABLE_STEPS_PER_UNIT;
    attraction[i] = exactAttraction(r * r, a, b);
    repulsion[i] = exactRepulsion(r * r, a, b);
  }
  return { attraction, repulsion };
}

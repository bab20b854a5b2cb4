/** Connected components of a binary mask: the basis of counting objects in an image. */

export interface Components {
  readonly count: number;
  /** Per pixel: 0 for background, k (1-based) for a pixel of component k. */
  readonly labels: Int32Array;
  /** Pixels in each component; areas[k - 1] is component k's. */
  readonly areas: readonly number[];
}

/**
 * Labels 4-connected components. 4- rather than 8-connectivity, because probe objects may
 * nearly touch and a diagonal step is the commonest accidental bridge between two of them.
 */
export function connectedComponents(mask: Uint8Array, height: number, width: number): Components {
  if (mask.length !== height * width) throw new Error(`mask has ${mask.length} pixels, expected ${height}×${width}`);
  const labels = new Int32Array(mask.length);
  const areas: number[] = [];
  const stack = new Int32Array(mask.length);
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] === 0 || labels[start] !== 0) continue;
    const label = areas.length + 1;
    let area = 0;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    while (top > 0) {
      const p = stack[--top] as number;
      area++;
      const row = Math.floor(p / width);
      const col = p - row * width;
      const visit = (q: number): void => {
        if (mask[q] !== 0 && labels[q] === 0) {
          labels[q] = label;
          stack[top++] = q;
        }
      };
      if (col > 0) visit(p - 1);
      if (col < width - 1) visit(p + 1);
      if (row > 0) visit(p - width);
      if (row < height - 1) visit(p + width);
    }
    areas.push(area);
  }
  return { count: areas.length, labels, areas };
}

/**
 * How an augmented training stream picks its next sample. The pool is a list of label blocks: the
 * dataset's training rows (a stored dataset), a survey of its draws (a generated one, whose rows
 * stand for the endless stream), and every added set of rows. A row's weight is the product of the
 * factors of the reweights whose group it is in; rows of equal signature (the same reweights
 * match) form a cell, and a draw picks a cell by mass (rows × weight), then a row within it — or,
 * for a generated dataset, fresh draws until one has the cell's signature (rejection sampling with
 * the label known at generation time), so its samples stay fresh rather than recycled.
 */
import type { AppliedReweight } from './appliedAugment';
import { inGroup, type AttributeGroup } from './attributeGroup';

export interface LabelBlock {
  /** -1: the dataset itself; k ≥ 0: the k-th set of added rows. */
  readonly source: number;
  readonly labels: Int32Array;
  readonly count: number;
  /** The training mass one row stands for: 1 for real rows; the generated pool's size / survey size for survey rows. */
  readonly massPerRow: number;
  /** `rows`: draw the block's own rows; `rejection`: draw fresh samples (survey blocks). */
  readonly drawnBy: 'rows' | 'rejection';
}

export interface SamplingCell {
  readonly source: number;
  readonly signature: string;
  readonly mass: number;
  /** Rows of the block in this cell (empty for rejection cells). */
  readonly rows: Int32Array;
  readonly drawnBy: 'rows' | 'rejection';
}

/** Which reweights match a row, as a key: rows with equal keys have equal weights. */
export function signatureOf(reweights: readonly AppliedReweight[], labels: Int32Array, row: number, attributeCount: number): string {
  let key = '';
  reweights.forEach((reweight, index) => {
    if (inGroup(reweight.group, labels, row, attributeCount)) key += `${index},`;
  });
  return key;
}

export function weightOf(reweights: readonly AppliedReweight[], labels: Int32Array, row: number, attributeCount: number): number {
  let weight = 1;
  for (const reweight of reweights) if (inGroup(reweight.group, labels, row, attributeCount)) weight *= reweight.factor;
  return weight;
}

/** The share of training draws that fall in `group`, in [0, 1]. */
export function groupShare(group: AttributeGroup, blocks: readonly LabelBlock[], reweights: readonly AppliedReweight[], attributeCount: number): number {
  let inside = 0;
  let total = 0;
  for (const block of blocks) {
    for (let row = 0; row < block.count; row++) {
      const mass = block.massPerRow * weightOf(reweights, block.labels, row, attributeCount);
      total += mass;
      if (inGroup(group, block.labels, row, attributeCount)) inside += mass;
    }
  }
  return total > 0 ? inside / total : 0;
}

/** How many rows of the blocks are in `group`, by block kind. */
export function groupRows(group: AttributeGroup, blocks: readonly LabelBlock[], attributeCount: number): { readonly rows: number; readonly surveyed: number } {
  let rows = 0;
  let surveyed = 0;
  for (const block of blocks) {
    for (let row = 0; row < block.count; row++) {
      if (!inGroup(group, block.labels, row, attributeCount)) continue;
      if (block.drawnBy === 'rows') rows++;
      else surveyed++;
    }
  }
  return { rows, surveyed };
}

export class SamplingTable {
  readonly cells: readonly SamplingCell[];
  private readonly cumulative: Float64Array;
  private readonly signatureCache = new Map<string, string>();

  constructor(
    blocks: readonly LabelBlock[],
    private readonly reweights: readonly AppliedReweight[],
    private readonly attributeCount: number,
  ) {
    const cells: SamplingCell[] = [];
    for (const block of blocks) {
      // Map iteration follows first occurrence, so the cell order is a function of the labels alone.
      const bySignature = new Map<string, number[]>();
      for (let row = 0; row < block.count; row++) {
        const signature = signatureOf(reweights, block.labels, row, attributeCount);
        let rows = bySignature.get(signature);
        if (!rows) bySignature.set(signature, (rows = []));
        rows.push(row);
      }
      for (const [signature, rows] of bySignature) {
        const weight = weightOf(reweights, block.labels, rows[0] as number, attributeCount);
        cells.push({
          source: block.source,
          signature,
          mass: rows.length * block.massPerRow * weight,
          rows: block.drawnBy === 'rows' ? Int32Array.from(rows) : new Int32Array(0),
          drawnBy: block.drawnBy,
        });
      }
    }
    if (cells.length === 0) throw new Error('an augmented training pool needs at least one sample');
    this.cells = cells;
    this.cumulative = new Float64Array(cells.length);
    let sum = 0;
    cells.forEach((cell, i) => (this.cumulative[i] = sum += cell.mass));
  }

  /** The cell a uniform draw `u` in [0, 1) lands in. */
  pick(u: number): SamplingCell {
    const target = u * (this.cumulative[this.cumulative.length - 1] as number);
    let low = 0;
    let high = this.cells.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return this.cells[low] as SamplingCell;
  }

  /** The signature of one label row (of a freshly generated sample), cached per label combination. */
  signatureOfLabels(labels: Int32Array): string {
    const key = labels.join(',');
    let signature = this.signatureCache.get(key);
    if (signature === undefined) {
      signature = signatureOf(this.reweights, labels, 0, this.attributeCount);
      this.signatureCache.set(key, signature);
    }
    return signature;
  }
}

/**
 * How often each attribute group appears among generated samples against among real ones. Real
 * shares count labels; generated shares come from the evaluator's predictions, each weighted by its
 * confidence (for a pair of attributes, the product of the two), so uncertain predictions count less:
 *
 *   share_gen(g) = Σ_j w_j · [pred_j ∈ g] / Σ_j w_j   over rows with a known prediction.
 *
 * Per group: both shares and ratio = share_gen / share_real (null when the group has no real
 * rows). Per attribute (and pair): total-variation distance ½ Σ_v |share_gen(v) − share_real(v)|.
 */
import { attributeSets, groupOf, valueAt, type AttributeGroup, type AttributeSpec, type ConfidenceColumns, type LabelColumns } from './attributes';

export interface GroupShare extends AttributeGroup {
  readonly realShare: number;
  readonly generatedShare: number;
  /** generatedShare / realShare; null when realShare is 0. */
  readonly ratio: number | null;
  readonly realCount: number;
  /** Confidence-weighted count of generated rows in the group. */
  readonly generatedWeight: number;
}

export interface AttributeDistance {
  /** "shape" or "shape+colour". */
  readonly id: string;
  readonly attributes: readonly string[];
  /** ½ Σ |generated − real| over the values (or value pairs); null without rows on either side. */
  readonly totalVariation: number | null;
}

export interface GroupSharesResult {
  readonly groups: readonly GroupShare[];
  readonly distances: readonly AttributeDistance[];
}

export interface GroupSharesOptions {
  /** Also report pairs of attributes. Default true. */
  readonly pairs?: boolean;
}

export function groupShares(
  specs: readonly AttributeSpec[],
  realLabels: LabelColumns,
  nReal: number,
  generatedPredictions: LabelColumns,
  nGenerated: number,
  generatedConfidence?: ConfidenceColumns,
  options: GroupSharesOptions = {},
): GroupSharesResult {
  const groups: GroupShare[] = [];
  const distances: AttributeDistance[] = [];
  for (const set of attributeSets(specs, options.pairs ?? true)) {
    const sizes = set.map((s) => s.values.length);
    const cells = sizes.reduce((a, b) => a * b, 1);
    const real = new Float64Array(cells);
    const generated = new Float64Array(cells);
    let realTotal = 0;
    let generatedTotal = 0;
    for (let row = 0; row < nReal; row++) {
      const cell = cellOf(set, realLabels, row);
      if (cell < 0) continue;
      real[cell] = (real[cell] as number) + 1;
      realTotal++;
    }
    for (let row = 0; row < nGenerated; row++) {
      const cell = cellOf(set, generatedPredictions, row);
      if (cell < 0) continue;
      let weight = 1;
      for (const spec of set) {
        const confidence = generatedConfidence?.[spec.name]?.[row];
        if (confidence !== undefined) weight *= Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
      }
      generated[cell] = (generated[cell] as number) + weight;
      generatedTotal += weight;
    }
    let variation = 0;
    for (let cell = 0; cell < cells; cell++) {
      const realShare = realTotal > 0 ? (real[cell] as number) / realTotal : 0;
      const generatedShare = generatedTotal > 0 ? (generated[cell] as number) / generatedTotal : 0;
      variation += Math.abs(generatedShare - realShare);
      groups.push({
        ...groupOf(set, cellValues(cell, sizes)),
        realShare,
        generatedShare,
        ratio: realShare > 0 && generatedTotal > 0 ? generatedShare / realShare : null,
        realCount: real[cell] as number,
        generatedWeight: generated[cell] as number,
      });
    }
    distances.push({
      id: set.map((s) => s.name).join('+'),
      attributes: set.map((s) => s.name),
      totalVariation: realTotal > 0 && generatedTotal > 0 ? variation / 2 : null,
    });
  }
  return { groups, distances };
}

/** Mixed-radix cell index of a row over the attribute set, or −1 if any label is unknown. */
export function cellOf(set: readonly AttributeSpec[], columns: LabelColumns, row: number): number {
  let cell = 0;
  for (const spec of set) {
    const value = valueAt(columns, spec, row);
    if (value < 0) return -1;
    cell = cell * spec.values.length + value;
  }
  return cell;
}

export function cellValues(cell: number, sizes: readonly number[]): number[] {
  const values = new Array<number>(sizes.length);
  let rest = cell;
  for (let i = sizes.length - 1; i >= 0; i--) {
    const size = sizes[i] as number;
    values[i] = rest % size;
    rest = Math.floor(rest / size);
  }
  return values;
}

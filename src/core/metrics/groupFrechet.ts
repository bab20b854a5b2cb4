/**
 * Fréchet distance per attribute group (real rows by their labels, generated rows by the
 * evaluator's predicted labels), plus the overall one. Moments add, so one pass over the rows
 * accumulates moments per cell of a pair of attributes (with an "unknown" slot per attribute), and
 * every single-value group, pair group and the overall fit are sums of cells. A group with fewer
 * than `minSamples` rows on either side is skipped with the reason: a covariance from a handful of
 * rows in 64 dimensions says more about the sample size than about the model.
 */
import { attributeSets, valueAt, groupOf, type AttributeGroup, type AttributeSpec, type LabelColumns } from './attributes';
import { cellValues } from './groupShares';
import { frechetFromFits, psdSquareRoot } from './frechet';
import { columnMeans, FeatureMoments } from './linalg/featureMoments';

export interface GroupFrechet extends AttributeGroup {
  /** d² between the group's real and generated fits; null when skipped. */
  readonly frechet: number | null;
  readonly realCount: number;
  readonly generatedCount: number;
  readonly skipped?: string;
}

export interface GroupFrechetOptions {
  /** Both sides need at least this many rows. Default 50. */
  readonly minSamples?: number;
  /** Also pairs of attributes. Default true. */
  readonly pairs?: boolean;
}

/** Per-group fits of one side (rows + labels), reusable while the rows do not change. */
export interface SideFits {
  readonly overall: FeatureMoments;
  /** By group id. */
  readonly groups: ReadonlyMap<string, FeatureMoments>;
}

/** Cached real-side results: the fits and their square roots, by group id ('' = overall). */
export interface ReferenceFits {
  readonly side: SideFits;
  readonly roots: Map<string, Float64Array>;
}

interface BaseLayout {
  readonly specs: readonly AttributeSpec[];
  /** Values + 1 per attribute: slot 0 is "unknown". */
  readonly sizes: readonly number[];
}

/** Which attribute sets to accumulate: pairs when there are any (their cells also give singles and the overall fit). */
function baseLayouts(specs: readonly AttributeSpec[], pairs: boolean): BaseLayout[] {
  const sets = specs.length >= 2 && (pairs || specs.length === 2) ? attributeSets(specs, true).filter((s) => s.length === 2) : specs.map((s) => [s]);
  if (sets.length === 0) return [{ specs: [], sizes: [] }];
  return sets.map((set) => ({ specs: set, sizes: set.map((s) => s.values.length + 1) }));
}

export function accumulateSide(
  data: Float32Array,
  n: number,
  dim: number,
  specs: readonly AttributeSpec[],
  labels: LabelColumns,
  shift: Float64Array,
  pairs: boolean,
): SideFits {
  const layouts = baseLayouts(specs, pairs);
  const scratch = new Float64Array(dim);
  const cellsByLayout = layouts.map((layout) => {
    const count = layout.sizes.reduce((a, b) => a * b, 1);
    const cells = Array.from({ length: count }, () => new FeatureMoments(dim, shift));
    for (let row = 0; row < n; row++) {
      let cell = 0;
      for (let i = 0; i < layout.specs.length; i++) cell = cell * (layout.sizes[i] as number) + valueAt(labels, layout.specs[i] as AttributeSpec, row) + 1;
      (cells[cell] as FeatureMoments).addRow(data, row, scratch);
    }
    return cells;
  });
  const overall = new FeatureMoments(dim, shift);
  for (const cell of cellsByLayout[0] ?? []) overall.addMoments(cell);
  const groups = new Map<string, FeatureMoments>();
  for (const set of attributeSets(specs, pairs)) {
    const layoutIndex = layouts.findIndex((l) => set.every((s) => l.specs.includes(s)));
    const layout = layouts[layoutIndex] as BaseLayout;
    const cells = cellsByLayout[layoutIndex] as FeatureMoments[];
    const positions = set.map((s) => layout.specs.indexOf(s));
    const valueCounts = set.map((s) => s.values.length);
    const groupCount = valueCounts.reduce((a, b) => a * b, 1);
    for (let g = 0; g < groupCount; g++) {
      const values = cellValues(g, valueCounts);
      const moments = new FeatureMoments(dim, shift);
      cells.forEach((cell, index) => {
        const slots = cellValues(index, layout.sizes);
        if (positions.every((p, i) => slots[p] === (values[i] as number) + 1)) moments.addMoments(cell);
      });
      groups.set(groupOf(set, values).id, moments);
    }
  }
  return { overall, groups };
}

export interface GroupFrechetResult {
  /** Overall d²; null when skipped. */
  readonly overall: number | null;
  readonly overallSkipped?: string;
  readonly groups: readonly GroupFrechet[];
}

/** Compares generated fits with the (cached) reference fits, group by group. */
export function compareFits(specs: readonly AttributeSpec[], reference: ReferenceFits, generated: SideFits, options: GroupFrechetOptions = {}): GroupFrechetResult {
  const minSamples = Math.max(2, options.minSamples ?? 50);
  const pairs = options.pairs ?? true;
  const compare = (id: string, real: FeatureMoments | undefined, fake: FeatureMoments | undefined): { frechet: number | null; skipped?: string } => {
    const realCount = real?.count ?? 0;
    const fakeCount = fake?.count ?? 0;
    if (realCount < minSamples || fakeCount < minSamples) {
      const side = realCount < minSamples ? `real ${realCount}` : `generated ${fakeCount}`;
      return { frechet: null, skipped: `too few samples (${side} < ${minSamples})` };
    }
    const realFit = (real as FeatureMoments).fit();
    let root = reference.roots.get(id);
    if (!root) {
      root = psdSquareRoot(realFit.covariance, realFit.dim);
      reference.roots.set(id, root);
    }
    return { frechet: frechetFromFits(realFit, (fake as FeatureMoments).fit(), root) };
  };
  const overall = compare('', reference.side.overall, generated.overall);
  const groups: GroupFrechet[] = [];
  for (const set of attributeSets(specs, pairs)) {
    const valueCounts = set.map((s) => s.values.length);
    const groupCount = valueCounts.reduce((a, b) => a * b, 1);
    for (let g = 0; g < groupCount; g++) {
      const group = groupOf(set, cellValues(g, valueCounts));
      const real = reference.side.groups.get(group.id);
      const fake = generated.groups.get(group.id);
      const result = compare(group.id, real, fake);
      groups.push({ ...group, ...result, realCount: real?.count ?? 0, generatedCount: fake?.count ?? 0 });
    }
  }
  return { overall: overall.frechet, ...(overall.skipped ? { overallSkipped: overall.skipped } : {}), groups };
}

/** One-shot per-group Fréchet distance (no caching): real rows by labels, generated rows by predictions. */
export function groupFrechet(
  real: Float32Array,
  nReal: number,
  generated: Float32Array,
  nGenerated: number,
  dim: number,
  specs: readonly AttributeSpec[],
  realLabels: LabelColumns,
  generatedPredictions: LabelColumns,
  options: GroupFrechetOptions = {},
): GroupFrechetResult {
  const pairs = options.pairs ?? true;
  // Accumulating around the real mean keeps the scatter well conditioned.
  const shift = columnMeans(real, nReal, dim);
  const reference: ReferenceFits = { side: accumulateSide(real, nReal, dim, specs, realLabels, shift, pairs), roots: new Map() };
  return compareFits(specs, reference, accumulateSide(generated, nGenerated, dim, specs, generatedPredictions, shift, pairs), options);
}

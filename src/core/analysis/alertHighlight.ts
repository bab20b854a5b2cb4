/**
 * The points of a snapshot an alert is about, for the Projection panel to highlight:
 * - a bias alert about a group: the real samples of that group, and each one's nearest generated
 *   sample in evaluator-feature space (where the model puts what should have been that group);
 * - a mode-collapse alert: the real samples no generated sample comes near (the missed modes) —
 *   those whose nearest generated sample is farther than their k-th nearest real neighbour (the
 *   complement of coverage);
 * - a memorization alert: the generated samples closest to a real sample (the near-copies).
 * Rows index the snapshot's real reference and latent bank, which are the same in every snapshot.
 */
import { groupValues } from '../alerts/alertLocation';
import type { Alert } from '../alerts/types';
import { ClusterIndex } from '../metrics/neighbors/clusterIndex';
import { realNeighbors } from '../metrics/prdc';
import type { SnapshotRecord } from '../../protocol/stream';
import type { AnalysisContext } from './analysisContext';
import { snapshotInputs } from './snapshotInputs';

export interface AlertHighlight {
  readonly realRows: readonly number[];
  readonly generatedRows: readonly number[];
}

/** Largest number of rows each side may highlight: the panel draws them over everything else. */
const MAX_ROWS = 2000;

function distance2(a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number {
  let sum = 0;
  for (let c = 0; c < dim; c++) {
    const d = (a[i * dim + c] as number) - (b[j * dim + c] as number);
    sum += d * d;
  }
  return sum;
}

function nearest(rows: Float32Array, row: number, others: Float32Array, count: number, dim: number): { index: number; d2: number } {
  let best = { index: -1, d2: Number.POSITIVE_INFINITY };
  for (let j = 0; j < count; j++) {
    const d2 = distance2(rows, row, others, j, dim);
    if (d2 < best.d2) best = { index: j, d2 };
  }
  return best;
}

export function alertHighlight(snapshot: SnapshotRecord, context: AnalysisContext, alert: Pick<Alert, 'kind' | 'evidence'>, k = 5): AlertHighlight {
  const { input } = snapshotInputs(snapshot, context);
  const features = input.features;
  if (!features) return { realRows: [], generatedRows: [] };
  const { real, nReal, generated, nGenerated, dim } = features;

  if (alert.kind === 'bias') {
    const wanted = groupValues(alert.evidence.group);
    const labels = input.attributes?.realLabels;
    if (wanted.length === 0 || !labels) return { realRows: [], generatedRows: [] };
    const conditions = wanted.map(([attribute, value]) => ({ column: labels[attribute], index: context.attributes.find((spec) => spec.name === attribute)?.values.indexOf(value) ?? -1 }));
    if (conditions.some(({ column, index }) => !column || index < 0)) return { realRows: [], generatedRows: [] };
    const realRows: number[] = [];
    for (let row = 0; row < nReal && realRows.length < MAX_ROWS; row++) if (conditions.every(({ column, index }) => column?.[row] === index)) realRows.push(row);
    const generatedRows = new Set<number>();
    for (const row of realRows) generatedRows.add(nearest(real, row, generated, nGenerated, dim).index);
    generatedRows.delete(-1);
    return { realRows, generatedRows: [...generatedRows].sort((a, b) => a - b) };
  }

  if (alert.kind === 'mode-collapse' && nReal > k) {
    const radii = realNeighbors(real, nReal, dim, k).radii;
    const toGenerated = ClusterIndex.build(generated, nGenerated, dim).kthNearest(real, nReal, 1, false);
    const realRows: number[] = [];
    for (let row = 0; row < nReal && realRows.length < MAX_ROWS; row++) if ((toGenerated[row] as number) > (radii[row] as number)) realRows.push(row);
    return { realRows, generatedRows: [] };
  }

  if (alert.kind === 'memorization') {
    const threshold = typeof alert.evidence.nearCopyThreshold === 'number' ? alert.evidence.nearCopyThreshold : 0;
    const generatedRows: number[] = [];
    const realRows = new Set<number>();
    for (let row = 0; row < nGenerated && generatedRows.length < MAX_ROWS; row++) {
      const found = nearest(generated, row, real, nReal, dim);
      if (Math.sqrt(found.d2) <= threshold) {
        generatedRows.push(row);
        realRows.add(found.index);
      }
    }
    return { realRows: [...realRows].sort((a, b) => a - b), generatedRows };
  }
  return { realRows: [], generatedRows: [] };
}

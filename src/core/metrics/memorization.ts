/**
 * Memorization: for each generated row, the distance to its nearest training row, against the same
 * distance for real rows the model never saw (held-out). A model that generalises puts its samples
 * about as far from the training set as fresh real data is; one that memorises puts them closer,
 * and near-copies sit almost on top of a training row.
 *
 *   ratio          = median(generated → training) / median(held-out → training)   (< 1: closer than real data)
 *   near copy      = generated row with distance ≤ nearCopyFactor · median(held-out → training)
 *
 * Without held-out rows the reference is each training row's distance to its nearest *other*
 * training row (leave-one-out), reported as reference 'training'.
 */
import { ClusterIndex } from './neighbors/clusterIndex';
import { median } from './statistics';

export const DEFAULT_NEAR_COPY_FACTOR = 0.2;

export interface Memorization {
  readonly reference: 'held-out' | 'training';
  readonly generatedMedian: number;
  readonly referenceMedian: number;
  /** generatedMedian / referenceMedian; null when the reference median is 0. */
  readonly ratio: number | null;
  readonly nearCopyThreshold: number;
  readonly nearCopies: number;
  readonly nearCopyShare: number;
  readonly generatedCount: number;
  readonly trainingCount: number;
  readonly referenceCount: number;
}

export interface MemorizationOptions {
  readonly nearCopyFactor?: number;
  /** An index already built over the training rows (the real reference, when that is the training sample). */
  readonly trainingIndex?: ClusterIndex;
}

export function memorization(
  training: Float32Array,
  nTraining: number,
  generated: Float32Array,
  nGenerated: number,
  dim: number,
  heldOut?: { readonly data: Float32Array; readonly n: number },
  options: MemorizationOptions = {},
): Memorization {
  if (nTraining < 2) throw new RangeError(`memorization needs at least 2 training rows, got ${nTraining}`);
  if (nGenerated < 1) throw new RangeError('memorization needs generated rows');
  const factor = options.nearCopyFactor ?? DEFAULT_NEAR_COPY_FACTOR;
  if (!(factor >= 0)) throw new RangeError(`nearCopyFactor must be ≥ 0, got ${factor}`);
  const index = options.trainingIndex && options.trainingIndex.n === nTraining ? options.trainingIndex : ClusterIndex.build(training, nTraining, dim);
  const generatedDistances = index.kthNearest(generated, nGenerated, 1, false);
  const useHeldOut = heldOut !== undefined && heldOut.n > 0;
  const referenceDistances = useHeldOut ? index.kthNearest(heldOut.data, heldOut.n, 1, false) : index.kthNearest(training, nTraining, 1, true);
  const referenceMedian = median(referenceDistances);
  const threshold = factor * referenceMedian;
  let nearCopies = 0;
  for (const d of generatedDistances) if (d <= threshold) nearCopies++;
  const generatedMedian = median(generatedDistances);
  return {
    reference: useHeldOut ? 'held-out' : 'training',
    generatedMedian,
    referenceMedian,
    ratio: referenceMedian > 0 ? generatedMedian / referenceMedian : null,
    nearCopyThreshold: threshold,
    nearCopies,
    nearCopyShare: nearCopies / nGenerated,
    generatedCount: nGenerated,
    trainingCount: nTraining,
    referenceCount: referenceDistances.length,
  };
}

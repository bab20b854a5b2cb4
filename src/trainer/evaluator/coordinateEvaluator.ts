/**
 * The evaluator of 2-D Gaussian mixtures: no network, since the data is already low-dimensional
 * and its density is known. Features are the coordinates; the predicted mode is the nearest
 * centre, with the mixture's posterior probability of that mode as the confidence. Its accuracy
 * is measured on held-out samples exactly as a network's, so callers need not tell them apart.
 */
import { nearestMode } from '../../core/measure/mixtureDensity';
import type { AttributeSpec, Dataset } from '../datasets/dataset';
import type { GaussianMixtureSpec } from '../datasets/spec';
import { modeCentres, type Point2 } from '../gaussianMixture';
import { measureAccuracy } from './accuracy';
import { checkBatch, type Evaluator, type EvaluatorOutput } from './evaluator';
import { DEFAULT_TRUST_THRESHOLD, isTrusted } from './trust';

/** p(mode k | x) for equal weights and a shared σ: a softmax of −‖x − μ_k‖² / 2σ², shifted by its largest term. */
function posterior(centres: readonly Point2[], sigma: number, x: number, y: number, mode: number): number {
  const exponents = centres.map(([cx, cy]) => -((x - cx) ** 2 + (y - cy) ** 2) / (2 * sigma * sigma));
  const largest = Math.max(...exponents);
  const total = exponents.reduce((sum, e) => sum + Math.exp(e - largest), 0);
  return Math.exp((exponents[mode] ?? -Infinity) - largest) / total;
}

export class CoordinateEvaluator implements Evaluator {
  readonly kind = 'coordinates' as const;
  readonly featureDim = 2;
  readonly sampleShape: readonly number[] = [2];
  readonly attributes: readonly AttributeSpec[];
  readonly accuracy: Readonly<Record<string, number>>;
  readonly chanceAccuracy: Readonly<Record<string, number>>;
  readonly heldOutCount: number;
  readonly trainedIterations = 0;
  readonly trainingSeconds = 0;
  readonly fromCache = false;
  private readonly centres: readonly Point2[];

  constructor(
    private readonly spec: GaussianMixtureSpec,
    dataset: Dataset,
    heldOutCount: number,
  ) {
    if (dataset.kind !== 'points' || dataset.shape.length !== 1 || dataset.shape[0] !== 2) {
      throw new Error(`the coordinate evaluator needs 2-D points, got ${dataset.type} of shape [${dataset.shape.join(', ')}]`);
    }
    this.centres = modeCentres(spec);
    this.attributes = [{ name: 'mode', values: this.centres.map((_, k) => String(k)) }];
    const heldOut = dataset.heldOut(heldOutCount);
    const measured = measureAccuracy(this.attributes, this.evaluate(heldOut.data, heldOut.count).predictions, heldOut.labels, heldOut.count);
    this.accuracy = measured.accuracy;
    this.chanceAccuracy = measured.chanceAccuracy;
    this.heldOutCount = heldOut.count;
  }

  evaluate(samples: Float32Array, count: number): EvaluatorOutput {
    checkBatch(samples, count, this.sampleShape);
    const predictions = new Int32Array(count);
    const confidence = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const x = samples[2 * i] as number;
      const y = samples[2 * i + 1] as number;
      const mode = nearestMode(this.centres, x, y).index;
      predictions[i] = mode;
      confidence[i] = posterior(this.centres, this.spec.sigma, x, y, mode);
    }
    return { features: samples.slice(), predictions, confidence };
  }

  trustworthy(attribute: string, threshold: number = DEFAULT_TRUST_THRESHOLD): boolean {
    return isTrusted(this.accuracy[attribute] ?? Number.NaN, this.chanceAccuracy[attribute] ?? Number.NaN, threshold);
  }

  dispose(): void {
    // Nothing held: no tensors, no files.
  }
}

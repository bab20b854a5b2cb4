/** An evaluator backed by a trained ClassifierNetwork. */
import type { AttributeSpec } from '../datasets/dataset';
import type { Tf } from '../tf';
import type { ClassifierNetwork } from './classifierNetwork';
import { checkBatch, type Evaluator, type EvaluatorOutput } from './evaluator';
import { DEFAULT_TRUST_THRESHOLD, isTrusted } from './trust';

/** Samples per forward pass: bounds the memory one evaluate() call holds at a time. */
const EVALUATE_BATCH = 256;

/** Runs the network over `count` images in fixed-size chunks; every tensor is freed before it returns. */
export function runClassifier(tf: Tf, network: ClassifierNetwork, samples: Float32Array, count: number): EvaluatorOutput {
  const { imageShape, featureDim, headSizes } = network.spec;
  const length = checkBatch(samples, count, imageShape);
  const [height = 0, width = 0, channels = 0] = imageShape;
  const attributeCount = headSizes.length;
  const features = new Float32Array(count * featureDim);
  const predictions = new Int32Array(count * attributeCount);
  const confidence = new Float32Array(count * attributeCount);
  for (let first = 0; first < count; first += EVALUATE_BATCH) {
    const size = Math.min(EVALUATE_BATCH, count - first);
    const [featureTensor, ...perHead] = tf.tidy(() => {
      const images = tf.tensor4d(samples.subarray(first * length, (first + size) * length), [size, height, width, channels]);
      const feature = network.features(images);
      const heads = network.logits(feature).flatMap((logits) => {
        const probabilities = tf.softmax(logits);
        return [tf.argMax(probabilities, 1), tf.max(probabilities, 1)];
      });
      return [feature, ...heads];
    });
    try {
      features.set(featureTensor!.dataSync() as Float32Array, first * featureDim);
      for (let a = 0; a < attributeCount; a++) {
        const predicted = perHead[2 * a]!.dataSync();
        const probability = perHead[2 * a + 1]!.dataSync();
        for (let i = 0; i < size; i++) {
          predictions[(first + i) * attributeCount + a] = predicted[i] as number;
          confidence[(first + i) * attributeCount + a] = probability[i] as number;
        }
      }
    } finally {
      tf.dispose([featureTensor!, ...perHead]);
    }
  }
  return { features, predictions, confidence };
}

/** What is known about a trained network besides its weights; also what the cache stores. */
export interface NetworkRecord {
  readonly accuracy: Readonly<Record<string, number>>;
  readonly chanceAccuracy: Readonly<Record<string, number>>;
  readonly heldOutCount: number;
  readonly trainedIterations: number;
  readonly trainingSeconds: number;
}

export class NetworkEvaluator implements Evaluator {
  readonly kind = 'network' as const;
  readonly featureDim: number;
  readonly sampleShape: readonly number[];
  readonly accuracy: Readonly<Record<string, number>>;
  readonly chanceAccuracy: Readonly<Record<string, number>>;
  readonly heldOutCount: number;
  readonly trainedIterations: number;
  readonly trainingSeconds: number;
  private disposed = false;

  constructor(
    private readonly tf: Tf,
    private readonly network: ClassifierNetwork,
    readonly attributes: readonly AttributeSpec[],
    record: NetworkRecord,
    readonly fromCache: boolean,
  ) {
    this.featureDim = network.spec.featureDim;
    this.sampleShape = network.spec.imageShape;
    this.accuracy = record.accuracy;
    this.chanceAccuracy = record.chanceAccuracy;
    this.heldOutCount = record.heldOutCount;
    this.trainedIterations = record.trainedIterations;
    this.trainingSeconds = record.trainingSeconds;
  }

  evaluate(samples: Float32Array, count: number): EvaluatorOutput {
    if (this.disposed) throw new Error('evaluate: this evaluator has been disposed');
    return runClassifier(this.tf, this.network, samples, count);
  }

  trustworthy(attribute: string, threshold: number = DEFAULT_TRUST_THRESHOLD): boolean {
    return isTrusted(this.accuracy[attribute] ?? Number.NaN, this.chanceAccuracy[attribute] ?? Number.NaN, threshold);
  }

  /** The network's weights by variable name, for the cache. */
  weights(): { name: string; shape: number[]; data: Float32Array }[] {
    return this.network.variables.map(({ name, variable }) => ({ name, shape: [...variable.shape], data: variable.dataSync() as Float32Array }));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.network.dispose();
  }
}

/**
 * Trains the evaluator network on a labelled image dataset: Adam on the summed softmax
 * cross-entropy of the attribute heads, over the dataset's training stream, until the step or
 * time budget runs out or every attribute reaches the target accuracy on a validation half of
 * the held-out samples. The reported accuracy comes from the other half, which no decision saw.
 */
import type { Dataset, LabelledBatch } from '../datasets/dataset';
import { Adam } from '../models/adam';
import { minimize } from '../models/optimize';
import { createRandom } from '../random';
import type { Tensor, Tf } from '../tf';
import type * as tfjs from '@tensorflow/tfjs';
import { measureAccuracy, worstAccuracy } from './accuracy';
import { ClassifierNetwork } from './classifierNetwork';
import { NetworkEvaluator, runClassifier } from './networkEvaluator';
import { EvaluatorCancelledError, type EvaluatorTraining, type TrainingProgress } from './options';

export interface TrainingHooks {
  readonly seed: number;
  readonly onProgress?: (progress: TrainingProgress) => void;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

/** A network of the evaluator's architecture for `dataset`, initialised from the seed's `evaluator/init` stream. */
export function buildClassifier(tf: Tf, dataset: Dataset, training: EvaluatorTraining, seed: number): ClassifierNetwork {
  if (dataset.kind !== 'image') throw new Error(`the evaluator network needs an image dataset, got ${dataset.type} (${dataset.kind})`);
  return new ClassifierNetwork(
    tf,
    { imageShape: dataset.shape, baseChannels: training.baseChannels, featureDim: training.featureDim, headSizes: dataset.attributes.map(({ values }) => values.length) },
    createRandom(seed, 'evaluator/init'),
  );
}

/** Rows [first, first + count) of a batch. */
function rows(batch: LabelledBatch, first: number, count: number, sampleLength: number, labelCount: number): LabelledBatch {
  return {
    count,
    data: batch.data.subarray(first * sampleLength, (first + count) * sampleLength),
    labels: batch.labels.subarray(first * labelCount, (first + count) * labelCount),
    factors: new Float32Array(0),
  };
}

function crossEntropy(tf: Tf, network: ClassifierNetwork, batch: LabelledBatch): tfjs.Scalar {
  const [height = 0, width = 0, channels = 0] = network.spec.imageShape;
  const { headSizes } = network.spec;
  const images = tf.tensor4d(batch.data, [batch.count, height, width, channels]);
  const logits = network.logits(network.features(images));
  // A head with one value (dots with a single allowed count) has nothing to learn: its softmax is
  // always 1 and its loss always 0, and tf.oneHot refuses a depth of 1.
  const terms = logits.flatMap((headLogits, a): Tensor[] => {
    if ((headSizes[a] ?? 1) < 2) return [];
    const column = new Int32Array(batch.count);
    for (let i = 0; i < batch.count; i++) column[i] = batch.labels[i * headSizes.length + a] as number;
    const target = tf.cast(tf.oneHot(tf.tensor1d(column, 'int32'), headSizes[a] ?? 1), 'float32');
    return [tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(headLogits)), 1)))];
  });
  return tf.addN(terms) as tfjs.Scalar;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function trainNetworkEvaluator(tf: Tf, dataset: Dataset, training: EvaluatorTraining, hooks: TrainingHooks): Promise<NetworkEvaluator> {
  const now = hooks.now ?? (() => performance.now());
  const started = now();
  const elapsedSeconds = (): number => (now() - started) / 1000;
  const network = buildClassifier(tf, dataset, training, hooks.seed);
  const { attributes } = dataset;
  const sampleLength = dataset.shape.reduce((product, side) => product * side, 1);
  try {
    const heldOut = dataset.heldOut(training.heldOutCount);
    const validationCount = Math.floor(heldOut.count / 2);
    const validation = rows(heldOut, 0, validationCount, sampleLength, attributes.length);
    const test = rows(heldOut, validationCount, heldOut.count - validationCount, sampleLength, attributes.length);

    let iteration = 0;
    // Without an attribute of two or more values there is nothing to learn; the untrained encoder
    // still gives (random) features.
    if (attributes.some(({ values }) => values.length >= 2)) {
      const optimizer = new Adam(tf, 'evaluator', network.variables, { learningRate: training.learningRate, beta1: 0.9, beta2: 0.999 });
      const position = dataset.getPosition();
      // Always the stream's first samples, so one seed trains one network whatever the trainer drew before.
      dataset.setPosition({ drawn: 0 });
      try {
        while (iteration < training.maxIterations && elapsedSeconds() < training.maxSeconds) {
          if (hooks.signal?.aborted) throw new EvaluatorCancelledError();
          const batch = dataset.sample(training.batchSize);
          const result = minimize(tf, () => crossEntropy(tf, network, batch), [{ name: 'evaluator', variables: network.variables }], optimizer);
          tf.dispose([result.loss, ...Object.values(result.gradientNorms)]);
          iteration++;
          let validationAccuracy: Record<string, number> | undefined;
          if (iteration % training.checkEvery === 0 && validation.count > 0) {
            const { predictions } = runClassifier(tf, network, validation.data, validation.count);
            validationAccuracy = measureAccuracy(attributes, predictions, validation.labels, validation.count).accuracy;
          }
          hooks.onProgress?.({ iteration, elapsedSeconds: elapsedSeconds(), ...(validationAccuracy ? { validationAccuracy } : {}) });
          if (validationAccuracy && worstAccuracy(validationAccuracy) >= training.targetAccuracy) break;
          // Let the trainer's control channel (stop, pause) be heard during a long training.
          await nextTurn();
        }
      } finally {
        dataset.setPosition(position);
        optimizer.dispose();
      }
    }
    const { predictions } = runClassifier(tf, network, test.data, test.count);
    const measured = measureAccuracy(attributes, predictions, test.labels, test.count);
    return new NetworkEvaluator(
      tf,
      network,
      attributes,
      { ...measured, heldOutCount: test.count, trainedIterations: iteration, trainingSeconds: elapsedSeconds() },
      false,
    );
  } catch (error) {
    network.dispose();
    throw error;
  }
}

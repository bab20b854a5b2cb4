/**
 * A dataset whose samples are generated on the fly from a seed: sample i of a split is a pure
 * function of (seed, split, i), so the stream is endless, reproducible, and restorable from
 * the number of samples drawn.
 */
import type { RandomSource } from '../random';
import { checkCount, parsePosition, sampleLength, type AttributeSpec, type Dataset, type LabelledBatch, type SamplerPosition } from './dataset';
import { sampleRandom } from './sampleRandom';
import type { DatasetType } from './spec';

/** Views into a batch where one sample is written. */
export interface SampleSlot {
  readonly data: Float32Array;
  readonly labels: Int32Array;
  readonly factors: Float32Array;
}

/** Draws one sample from the dataset's distribution. */
export interface SampleGenerator {
  readonly type: DatasetType;
  readonly kind: 'points' | 'image';
  readonly shape: readonly number[];
  readonly attributes: readonly AttributeSpec[];
  readonly factors: readonly string[];
  /** Fills `slot` (whose arrays may hold stale values) using only `random`. */
  draw(random: RandomSource, slot: SampleSlot): void;
}

/** `survey`: draws only looked at for their labels, to estimate how common each group is (src/trainer/augment). */
type Split = 'train' | 'reference' | 'held-out' | 'survey';

/** Survey draws generated at once: bounds the memory of the pixels thrown away. */
const SURVEY_CHUNK = 256;

export class GeneratedDataset implements Dataset {
  readonly type: DatasetType;
  readonly kind: 'points' | 'image';
  readonly shape: readonly number[];
  readonly attributes: readonly AttributeSpec[];
  readonly factors: readonly string[];
  readonly trainSize = undefined;
  readonly heldOutSize = undefined;
  private drawn = 0;

  constructor(
    private readonly generator: SampleGenerator,
    private readonly seed: number,
  ) {
    this.type = generator.type;
    this.kind = generator.kind;
    this.shape = generator.shape;
    this.attributes = generator.attributes;
    this.factors = generator.factors;
  }

  sample(count: number): LabelledBatch {
    checkCount(count, 'sample');
    const batch = this.generate('train', this.drawn, count);
    this.drawn += count;
    return batch;
  }

  getPosition(): SamplerPosition {
    return { drawn: this.drawn };
  }

  setPosition(position: unknown): void {
    this.drawn = parsePosition(position).drawn;
  }

  reference(count: number): LabelledBatch {
    checkCount(count, 'reference');
    return this.generate('reference', 0, count);
  }

  heldOut(count: number): LabelledBatch {
    checkCount(count, 'heldOut');
    return this.generate('held-out', 0, count);
  }

  /** The labels of the first `count` draws of a split of their own; moves no position. */
  surveyLabels(count: number): Int32Array {
    checkCount(count, 'surveyLabels');
    const labelCount = this.attributes.length;
    const labels = new Int32Array(count * labelCount);
    for (let first = 0; first < count; first += SURVEY_CHUNK) {
      labels.set(this.generate('survey', first, Math.min(SURVEY_CHUNK, count - first)).labels, first * labelCount);
    }
    return labels;
  }

  private generate(split: Split, first: number, count: number): LabelledBatch {
    const length = sampleLength(this.shape);
    const labelCount = this.attributes.length;
    const factorCount = this.factors.length;
    const data = new Float32Array(count * length);
    const labels = new Int32Array(count * labelCount);
    const factors = new Float32Array(count * factorCount);
    for (let i = 0; i < count; i++) {
      this.generator.draw(sampleRandom(this.seed, `dataset/${split}`, first + i), {
        data: data.subarray(i * length, (i + 1) * length),
        labels: labels.subarray(i * labelCount, (i + 1) * labelCount),
        factors: factors.subarray(i * factorCount, (i + 1) * factorCount),
      });
    }
    return { count, data, labels, factors };
  }
}

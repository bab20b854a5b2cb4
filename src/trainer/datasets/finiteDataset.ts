/**
 * A dataset of a fixed set of stored samples (MNIST, an image folder): a seeded split into
 * training and held-out samples, then training epochs in a fresh seeded order each, so the
 * stream's state is just the number of samples drawn.
 */
import { createRandom } from '../random';
import { checkCount, parsePosition, sampleLength, type AttributeSpec, type Dataset, type LabelledBatch, type SamplerPosition } from './dataset';
import type { DatasetType } from './spec';

/** Stored samples: pixels either as floats in [0, 1] or as bytes (value / 255), which quarter the memory. */
export interface SampleStore {
  readonly type: DatasetType;
  readonly shape: readonly number[];
  readonly attributes: readonly AttributeSpec[];
  readonly count: number;
  readonly pixels: Float32Array | Uint8Array;
  /** count × attributes.length */
  readonly labels: Int32Array;
}

/** A seeded Fisher-Yates shuffle of `indices` (copied). */
export function shuffled(indices: ArrayLike<number>, seed: number, stream: string): Int32Array {
  const out = Int32Array.from(indices);
  const random = createRandom(seed, stream);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    const held = out[i] as number;
    out[i] = out[j] as number;
    out[j] = held;
  }
  return out;
}

function range(count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = i;
  return out;
}

export class FiniteDataset implements Dataset {
  readonly type: DatasetType;
  readonly kind = 'image' as const;
  readonly shape: readonly number[];
  readonly attributes: readonly AttributeSpec[];
  readonly factors: readonly string[] = [];
  readonly trainSize: number;
  readonly heldOutSize: number;
  private readonly trainIndices: Int32Array;
  private readonly heldOutIndices: Int32Array;
  private readonly referenceOrder: Int32Array;
  private drawn = 0;
  private epoch: { number: number; order: Int32Array } | undefined;

  /** `heldOutFraction` of the samples (rounded) go to the held-out split; at least one sample must remain for training. */
  constructor(
    private readonly store: SampleStore,
    private readonly seed: number,
    heldOutFraction: number,
  ) {
    if (!(heldOutFraction >= 0 && heldOutFraction < 1)) throw new RangeError(`heldOut must be in [0, 1), got ${heldOutFraction}`);
    this.type = store.type;
    this.shape = store.shape;
    this.attributes = store.attributes;
    const split = shuffled(range(store.count), seed, 'dataset/split');
    const heldOutCount = Math.round(store.count * heldOutFraction);
    this.heldOutIndices = split.slice(0, heldOutCount);
    this.trainIndices = split.slice(heldOutCount);
    if (this.trainIndices.length === 0) {
      throw new Error(`${store.type}: no training samples left (${store.count} samples, ${heldOutCount} held out)`);
    }
    this.trainSize = this.trainIndices.length;
    this.heldOutSize = this.heldOutIndices.length;
    this.referenceOrder = shuffled(this.trainIndices, seed, 'dataset/reference');
  }

  sample(count: number): LabelledBatch {
    checkCount(count, 'sample');
    const indices = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const position = this.drawn + i;
      const order = this.epochOrder(Math.floor(position / this.trainSize));
      indices[i] = order[position % this.trainSize] as number;
    }
    this.drawn += count;
    return this.gather(indices);
  }

  getPosition(): SamplerPosition {
    return { drawn: this.drawn };
  }

  setPosition(position: unknown): void {
    this.drawn = parsePosition(position).drawn;
  }

  reference(count: number): LabelledBatch {
    checkCount(count, 'reference');
    return this.gather(this.referenceOrder.subarray(0, count));
  }

  heldOut(count: number): LabelledBatch {
    checkCount(count, 'heldOut');
    return this.gather(this.heldOutIndices.subarray(0, count));
  }

  /** Labels of the training samples in training-split order (a copy): the rows augmentation weighs (src/trainer/augment). */
  trainLabels(): Int32Array {
    const labelCount = this.attributes.length;
    const out = new Int32Array(this.trainSize * labelCount);
    this.trainIndices.forEach((index, position) => out.set(this.store.labels.subarray(index * labelCount, (index + 1) * labelCount), position * labelCount));
    return out;
  }

  /** Training samples by their position in the training split (0 … trainSize − 1); moves no position. */
  trainRows(positions: ArrayLike<number>): LabelledBatch {
    const indices = new Int32Array(positions.length);
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] as number;
      if (!Number.isSafeInteger(position) || position < 0 || position >= this.trainSize) throw new RangeError(`trainRows: position ${position} is outside the ${this.trainSize} training samples`);
      indices[i] = this.trainIndices[position] as number;
    }
    return this.gather(indices);
  }

  /** Which stored samples each split holds (copies); for tests and diagnostics. */
  splitIndices(): { train: Int32Array; heldOut: Int32Array } {
    return { train: this.trainIndices.slice(), heldOut: this.heldOutIndices.slice() };
  }

  private epochOrder(epoch: number): Int32Array {
    if (this.epoch?.number !== epoch) this.epoch = { number: epoch, order: shuffled(this.trainIndices, this.seed, `dataset/epoch/${epoch}`) };
    return this.epoch.order;
  }

  private gather(indices: Int32Array): LabelledBatch {
    const length = sampleLength(this.shape);
    const labelCount = this.attributes.length;
    const count = indices.length;
    const data = new Float32Array(count * length);
    const labels = new Int32Array(count * labelCount);
    const { pixels } = this.store;
    const scale = pixels instanceof Uint8Array ? 1 / 255 : 1;
    for (let i = 0; i < count; i++) {
      const index = indices[i] as number;
      const source = index * length;
      for (let j = 0; j < length; j++) data[i * length + j] = (pixels[source + j] as number) * scale;
      labels.set(this.store.labels.subarray(index * labelCount, (index + 1) * labelCount), i * labelCount);
    }
    return { count, data, labels, factors: new Float32Array(0) };
  }
}

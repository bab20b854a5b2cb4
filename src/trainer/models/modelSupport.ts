/**
 * What every model does the same way: turning the loop's row-major batches into tensors, drawing
 * seeded latent noise, and mapping a generator's raw outputs into data space.
 */
import type { RandomSource } from '../random';
import type { Tensor, Tf } from '../tf';
import type { DataRange } from './model';
import { sampleSize } from './network';

export class ModelSupport {
  readonly sampleElements: number;

  constructor(
    private readonly tf: Tf,
    readonly sampleShape: readonly number[],
    readonly latentDim: number,
    readonly dataRange: DataRange,
    private readonly noise: RandomSource,
  ) {
    if (sampleShape.length === 0 || sampleShape.some((size) => !Number.isInteger(size) || size < 1)) {
      throw new Error(`a sample shape must be positive integers, got [${sampleShape.join(', ')}]`);
    }
    if (!Number.isInteger(latentDim) || latentDim < 1) throw new Error(`latentDim must be a positive integer, got ${latentDim}`);
    this.sampleElements = sampleSize(sampleShape);
  }

  /** Checks the step's batches and returns the batch size they share. */
  batchSizeOf(batches: readonly Float32Array[], expectedCount: number): number {
    if (batches.length !== expectedCount) throw new Error(`this model's step needs ${expectedCount} real batch(es), got ${batches.length}`);
    const first = batches[0]?.length ?? 0;
    const rows = first / this.sampleElements;
    if (!Number.isInteger(rows) || rows < 1) {
      throw new Error(`a real batch of ${first} values is not a whole number of samples of shape [${this.sampleShape.join(', ')}]`);
    }
    if (batches.some((batch) => batch.length !== first)) throw new Error('the real batches of one step differ in size');
    return rows;
  }

  /** The one real batch of a model that takes one per step, checked and as a tensor the caller disposes. */
  singleBatch(batches: readonly Float32Array[]): { rows: number; real: Tensor } {
    const rows = this.batchSizeOf(batches, 1);
    return { rows, real: this.samples(batches[0] as Float32Array, rows) };
  }

  samples(values: Float32Array, rows: number): Tensor {
    return this.tf.tensor(values, [rows, ...this.sampleShape]);
  }

  latent(rows: number): Tensor {
    return this.tf.tensor2d(this.noise.normals(rows * this.latentDim), [rows, this.latentDim]);
  }

  /** Standard-normal noise of any shape, from the same seeded stream. */
  normal(shape: readonly number[]): Tensor {
    return this.tf.tensor(this.noise.normals(shape.reduce((a, b) => a * b, 1)), [...shape]);
  }

  /** Uniform [0, 1) per row, shaped to broadcast over a sample: [rows, 1, …, 1]. */
  uniformPerRow(rows: number): Tensor {
    const values = new Float32Array(rows);
    for (let i = 0; i < rows; i++) values[i] = this.noise.uniform();
    return this.tf.tensor(values, [rows, ...this.sampleShape.map(() => 1)]);
  }

  /** Raw generator outputs → data space: a sigmoid into [0, 1] for images, unchanged otherwise. */
  toData(raw: Tensor): Tensor {
    return this.dataRange === 'unit' ? this.tf.sigmoid(raw) : raw;
  }
}

/** The sample and latent shapes every model reports, answered from its support. */
export abstract class SupportedModel {
  constructor(protected readonly support: ModelSupport) {}

  get latentDim(): number {
    return this.support.latentDim;
  }

  get sampleShape(): readonly number[] {
    return this.support.sampleShape;
  }
}

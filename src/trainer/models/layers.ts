/**
 * Convolution and dense layers held as named tf.variables, Glorot-uniform initialised from the
 * run's seeded random source (zero biases), so that one seed gives one starting point.
 */
import type { DenseOp } from '../dense';
import type { RandomSource } from '../random';
import type { Tensor, Tf, Variable } from '../tf';
import type { NamedVariable } from './model';
import type * as tfjs from '@tensorflow/tfjs';
import { glorotUniform } from './network';

export class ConvLayer {
  readonly filter: Variable;
  readonly bias: Variable;

  constructor(
    private readonly tf: Tf,
    readonly name: string,
    kernelSize: number,
    inChannels: number,
    outChannels: number,
    private readonly stride: 1 | 2,
    random: RandomSource,
  ) {
    const receptive = kernelSize * kernelSize;
    const initial = glorotUniform(receptive * inChannels * outChannels, receptive * inChannels, receptive * outChannels, random.uniform);
    this.filter = tf.tidy(() => tf.variable(tf.tensor4d(initial, [kernelSize, kernelSize, inChannels, outChannels])));
    this.bias = tf.tidy(() => tf.variable(tf.zeros([outChannels])));
  }

  /** NHWC, 'same' padding: stride 2 halves the resolution (rounding up). */
  apply(x: Tensor): Tensor {
    return this.tf.add(this.tf.conv2d(x as tfjs.Tensor4D, this.filter as tfjs.Tensor4D, this.stride, 'same'), this.bias);
  }

  get variables(): NamedVariable[] {
    return [
      { name: `${this.name}/filter`, variable: this.filter },
      { name: `${this.name}/bias`, variable: this.bias },
    ];
  }

  dispose(): void {
    this.filter.dispose();
    this.bias.dispose();
  }
}

export class DenseLayer {
  readonly weights: Variable;
  readonly bias: Variable;

  constructor(
    tf: Tf,
    private readonly dense: DenseOp,
    readonly name: string,
    inputSize: number,
    outputSize: number,
    random: RandomSource,
  ) {
    const initial = glorotUniform(inputSize * outputSize, inputSize, outputSize, random.uniform);
    this.weights = tf.tidy(() => tf.variable(tf.tensor2d(initial, [inputSize, outputSize])));
    this.bias = tf.tidy(() => tf.variable(tf.zeros([outputSize])));
  }

  apply(x: Tensor): Tensor {
    return this.dense(x, this.weights, this.bias);
  }

  get variables(): NamedVariable[] {
    return [
      { name: `${this.name}/weights`, variable: this.weights },
      { name: `${this.name}/bias`, variable: this.bias },
    ];
  }

  dispose(): void {
    this.weights.dispose();
    this.bias.dispose();
  }
}

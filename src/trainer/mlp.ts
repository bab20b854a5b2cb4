/**
 * A multilayer perceptron held as plain tf.variables, initialised from the run's seeded random
 * source (Glorot-uniform weights, zero biases) so that two runs with one seed start identically.
 */
import { createLeakyReluOp, type ActivationOp } from './activations';
import type { DenseOp } from './dense';
import type { RandomSource } from './random';
import type { Tensor, Tf, Variable } from './tf';

export type HiddenActivation = 'relu' | 'leakyRelu';

export interface MlpSpec {
  readonly inputSize: number;
  readonly hidden: readonly number[];
  readonly outputSize: number;
  readonly activation: HiddenActivation;
}

interface DenseLayerVariables {
  readonly weights: Variable;
  readonly bias: Variable;
}

/** The slope of LeakyReLU's negative side, the usual choice for GAN discriminators. */
const LEAKY_SLOPE = 0.2;

export class Mlp {
  private readonly layers: DenseLayerVariables[];
  private readonly activation: ActivationOp;

  constructor(
    tf: Tf,
    private readonly dense: DenseOp,
    spec: MlpSpec,
    random: RandomSource,
  ) {
    this.activation = createLeakyReluOp(tf, spec.activation === 'relu' ? 0 : LEAKY_SLOPE);
    const sizes = [spec.inputSize, ...spec.hidden, spec.outputSize];
    this.layers = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const fanIn = sizes[i] ?? 0;
      const fanOut = sizes[i + 1] ?? 0;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const initial = new Float32Array(fanIn * fanOut);
      for (let j = 0; j < initial.length; j++) initial[j] = (2 * random.uniform() - 1) * limit;
      // tidy frees the initial-value tensors; the variables keep their own reference to the data.
      this.layers.push(
        tf.tidy(() => ({
          weights: tf.variable(tf.tensor2d(initial, [fanIn, fanOut])),
          bias: tf.variable(tf.zeros([fanOut])),
        })),
      );
    }
  }

  /** Every trainable variable, for an optimiser's var list. */
  get variables(): Variable[] {
    return this.layers.flatMap((layer) => [layer.weights, layer.bias]);
  }

  /** Hidden layers use the spec's activation; the output layer is linear. Call inside tf.tidy. */
  apply(input: Tensor): Tensor {
    let x = input;
    this.layers.forEach((layer, index) => {
      x = this.dense(x, layer.weights, layer.bias);
      if (index < this.layers.length - 1) x = this.activation(x);
    });
    return x;
  }

  dispose(): void {
    for (const layer of this.layers) {
      layer.weights.dispose();
      layer.bias.dispose();
    }
  }
}

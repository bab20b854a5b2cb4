/**
 * The trainer's MLP (../mlp.ts) as a Network: samples of any shape are flattened on the way in,
 * and outputs reshaped to the sample shape on the way out.
 */
import type { DenseOp } from '../dense';
import { Mlp, type HiddenActivation } from '../mlp';
import type { RandomSource } from '../random';
import type { Tensor, Tf } from '../tf';
import type { NamedVariable } from './model';
import { sampleSize, type Network } from './network';

export interface MlpNetworkSpec {
  readonly name: string;
  readonly inputShape: readonly number[];
  readonly hidden: readonly number[];
  readonly outputShape: readonly number[];
  readonly activation: HiddenActivation;
}

export class MlpNetwork implements Network {
  private readonly mlp: Mlp;
  readonly variables: readonly NamedVariable[];

  constructor(
    private readonly tf: Tf,
    dense: DenseOp,
    private readonly spec: MlpNetworkSpec,
    random: RandomSource,
  ) {
    this.mlp = new Mlp(tf, dense, { inputSize: sampleSize(spec.inputShape), hidden: spec.hidden, outputSize: sampleSize(spec.outputShape), activation: spec.activation }, random);
    // Mlp lists weights then bias, layer by layer.
    this.variables = this.mlp.variables.map((variable, i) => ({
      name: `${spec.name}/dense${Math.floor(i / 2)}/${i % 2 === 0 ? 'weights' : 'bias'}`,
      variable,
    }));
  }

  apply(input: Tensor): Tensor {
    const rows = input.shape[0] ?? 0;
    const flat = input.rank === 2 ? input : this.tf.reshape(input, [rows, sampleSize(this.spec.inputShape)]);
    const output = this.mlp.apply(flat);
    return this.spec.outputShape.length === 1 ? output : this.tf.reshape(output, [rows, ...this.spec.outputShape]);
  }

  dispose(): void {
    this.mlp.dispose();
  }
}

/**
 * A DCGAN-style discriminator/critic or encoder: per stage a 4×4 stride-2 convolution with
 * LeakyReLU(0.2), then a dense layer from the flattened features to `outputSize` (1 for a
 * discriminator or critic, 2·latentDim for a VAE encoder's μ and log σ²). No normalisation:
 * batch norm would break the per-sample gradient penalty of WGAN-GP (Gulrajani et al. §4).
 */
import { createLeakyReluOp, type ActivationOp } from '../activations';
import type { DenseOp } from '../dense';
import type { RandomSource } from '../random';
import type { Tensor, Tf } from '../tf';
import { planConvStages } from './convStages';
import { ConvLayer, DenseLayer } from './layers';
import type { NamedVariable } from './model';
import type { Network } from './network';

export interface ConvCriticSpec {
  readonly name: string;
  readonly imageShape: readonly number[];
  readonly baseChannels: number;
  readonly outputSize: number;
}

const LEAKY_SLOPE = 0.2;

export class ConvCritic implements Network {
  private readonly convs: ConvLayer[];
  private readonly head: DenseLayer;
  private readonly leakyRelu: ActivationOp;
  private readonly flatSize: number;

  constructor(
    private readonly tf: Tf,
    dense: DenseOp,
    spec: ConvCriticSpec,
    random: RandomSource,
  ) {
    const plan = planConvStages(spec.imageShape, spec.baseChannels);
    this.leakyRelu = createLeakyReluOp(tf, LEAKY_SLOPE);
    this.convs = plan.channels.map(
      (outChannels, stage) => new ConvLayer(tf, `${spec.name}/conv${stage}`, 4, stage === 0 ? (spec.imageShape[2] ?? 1) : (plan.channels[stage - 1] ?? 1), outChannels, 2, random),
    );
    this.flatSize = plan.baseHeight * plan.baseWidth * (plan.channels[plan.stages - 1] ?? 1);
    this.head = new DenseLayer(tf, dense, `${spec.name}/head`, this.flatSize, spec.outputSize, random);
  }

  get variables(): readonly NamedVariable[] {
    return [...this.convs.flatMap((conv) => conv.variables), ...this.head.variables];
  }

  apply(images: Tensor): Tensor {
    let x = images;
    for (const conv of this.convs) x = this.leakyRelu(conv.apply(x));
    return this.head.apply(this.tf.reshape(x, [x.shape[0] ?? 0, this.flatSize]));
  }

  dispose(): void {
    for (const conv of this.convs) conv.dispose();
    this.head.dispose();
  }
}

/**
 * A DCGAN-style generator/decoder: z → dense → [baseHeight, baseWidth, widest channels], then per
 * stage a nearest-neighbour 2× upsampling and a 3×3 convolution (ReLU between stages), ending in
 * the image's channels. It returns pre-activation outputs (logits); the model applies the output
 * activation, so that a Bernoulli VAE can use the logits directly.
 *
 * Upsampling + convolution instead of a transposed convolution avoids checkerboard artefacts
 * (Odena et al. 2016). The pair runs fused (upsampleConv.ts): the same function and parameters as
 * nn.Upsample + Conv2d, at about half the multiplies.
 */
import { createLeakyReluOp, type ActivationOp } from '../activations';
import type { DenseOp } from '../dense';
import type { RandomSource } from '../random';
import type { Tensor, Tf } from '../tf';
import { planConvStages } from './convStages';
import { ConvLayer, DenseLayer } from './layers';
import type { NamedVariable } from './model';
import type { Network } from './network';
import { createUpsampleConvOp, type UpsampleConvOp } from './upsampleConv';

export interface ConvGeneratorSpec {
  readonly name: string;
  readonly latentDim: number;
  readonly imageShape: readonly number[];
  readonly baseChannels: number;
  readonly pixelNorm: boolean;
}

const PIXEL_NORM_EPSILON = 1e-8;

export class ConvGenerator implements Network {
  private readonly project: DenseLayer;
  private readonly convs: ConvLayer[];
  private readonly relu: ActivationOp;
  private readonly upsampleConv: UpsampleConvOp;
  private readonly baseShape: [number, number, number];

  constructor(
    private readonly tf: Tf,
    dense: DenseOp,
    private readonly spec: ConvGeneratorSpec,
    random: RandomSource,
  ) {
    const plan = planConvStages(spec.imageShape, spec.baseChannels);
    const widest = plan.channels[plan.stages - 1] ?? spec.baseChannels;
    this.baseShape = [plan.baseHeight, plan.baseWidth, widest];
    this.relu = createLeakyReluOp(tf, 0);
    this.upsampleConv = createUpsampleConvOp(tf);
    this.project = new DenseLayer(tf, dense, `${spec.name}/project`, spec.latentDim, plan.baseHeight * plan.baseWidth * widest, random);
    const imageChannels = spec.imageShape[2] ?? 1;
    this.convs = [];
    for (let stage = 0; stage < plan.stages; stage++) {
      const inChannels = plan.channels[plan.stages - 1 - stage] ?? 1;
      const outChannels = stage === plan.stages - 1 ? imageChannels : (plan.channels[plan.stages - 2 - stage] ?? 1);
      this.convs.push(new ConvLayer(tf, `${spec.name}/conv${stage}`, 3, inChannels, outChannels, 1, random));
    }
  }

  get variables(): readonly NamedVariable[] {
    return [...this.project.variables, ...this.convs.flatMap((conv) => conv.variables)];
  }

  apply(latent: Tensor): Tensor {
    const { tf } = this;
    const rows = latent.shape[0] ?? 0;
    let x = this.normalise(this.relu(tf.reshape(this.project.apply(latent), [rows, ...this.baseShape])));
    this.convs.forEach((conv, stage) => {
      x = this.upsampleConv(x, conv.filter, conv.bias);
      if (stage < this.convs.length - 1) x = this.normalise(this.relu(x));
    });
    return x;
  }

  /** Pixel norm: each position's feature vector scaled to unit root-mean-square. */
  private normalise(x: Tensor): Tensor {
    if (!this.spec.pixelNorm) return x;
    const { tf } = this;
    return tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), PIXEL_NORM_EPSILON)));
  }

  dispose(): void {
    this.project.dispose();
    for (const conv of this.convs) conv.dispose();
  }
}

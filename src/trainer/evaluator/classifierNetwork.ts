/**
 * The evaluator's network: the models' DCGAN-style conv stages (4×4 stride-2 convolutions with
 * LeakyReLU(0.2), see ../models/convCritic.ts) encode an image, a dense layer with ReLU gives
 * the feature vector, and one linear softmax head per attribute reads that vector. Since every
 * head sees only the features, whatever the heads tell apart is laid out in feature space,
 * which is what makes the features useful for projections and distances.
 */
import { createLeakyReluOp, type ActivationOp } from '../activations';
import { createDenseOp } from '../dense';
import { planConvStages } from '../models/convStages';
import { ConvLayer, DenseLayer } from '../models/layers';
import type { NamedVariable } from '../models/model';
import type { RandomSource } from '../random';
import type { Tensor, Tf } from '../tf';

export interface ClassifierSpec {
  /** [height, width, channels]. */
  readonly imageShape: readonly number[];
  readonly baseChannels: number;
  readonly featureDim: number;
  /** Number of values of each attribute, in attribute order. */
  readonly headSizes: readonly number[];
}

const LEAKY_SLOPE = 0.2;

export class ClassifierNetwork {
  private readonly convs: ConvLayer[];
  private readonly featureLayer: DenseLayer;
  private readonly heads: DenseLayer[];
  private readonly leakyRelu: ActivationOp;
  private readonly relu: ActivationOp;
  private readonly flatSize: number;

  constructor(
    private readonly tf: Tf,
    readonly spec: ClassifierSpec,
    random: RandomSource,
  ) {
    const plan = planConvStages(spec.imageShape, spec.baseChannels);
    const dense = createDenseOp(tf);
    this.leakyRelu = createLeakyReluOp(tf, LEAKY_SLOPE);
    this.relu = createLeakyReluOp(tf, 0);
    const inputChannels = spec.imageShape[2] ?? 1;
    this.convs = plan.channels.map(
      (outChannels, stage) => new ConvLayer(tf, `evaluator/conv${stage}`, 4, stage === 0 ? inputChannels : (plan.channels[stage - 1] ?? 1), outChannels, 2, random),
    );
    this.flatSize = plan.baseHeight * plan.baseWidth * (plan.channels[plan.stages - 1] ?? 1);
    this.featureLayer = new DenseLayer(tf, dense, 'evaluator/features', this.flatSize, spec.featureDim, random);
    this.heads = spec.headSizes.map((size, a) => new DenseLayer(tf, dense, `evaluator/head${a}`, spec.featureDim, size, random));
  }

  get variables(): readonly NamedVariable[] {
    return [...this.convs.flatMap((conv) => conv.variables), ...this.featureLayer.variables, ...this.heads.flatMap((head) => head.variables)];
  }

  /** Images [n, height, width, channels] → features [n, featureDim]. Call inside tf.tidy. */
  features(images: Tensor): Tensor {
    // Centred pixels: on white-background datasets raw inputs near 1 saturate the first layer at the start.
    let x = this.tf.sub(images, 0.5);
    for (const conv of this.convs) x = this.leakyRelu(conv.apply(x));
    return this.relu(this.featureLayer.apply(this.tf.reshape(x, [x.shape[0] ?? 0, this.flatSize])));
  }

  /** Features → one logits tensor [n, values] per attribute. Call inside tf.tidy. */
  logits(features: Tensor): Tensor[] {
    return this.heads.map((head) => head.apply(features));
  }

  dispose(): void {
    for (const conv of this.convs) conv.dispose();
    this.featureLayer.dispose();
    for (const head of this.heads) head.dispose();
  }
}

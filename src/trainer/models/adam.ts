/**
 * Adam (Kingma & Ba 2015) over a fixed, named list of variables.
 *
 * tfjs's own Adam creates its moment slots lazily on the first update and keeps them private, so a
 * checkpoint could neither list nor restore them. Here every piece of state — both moments and the
 * running powers β₁ᵗ, β₂ᵗ used for bias correction — is a named variable from construction on.
 */
import type { Tensor, Tf, Variable } from '../tf';
import type { NamedVariable } from './model';
import type { OptimizerSpec } from './spec';

/** PyTorch's default; tfjs uses its backend epsilon (1e-7). */
const EPSILON = 1e-8;

interface Slot {
  readonly target: Variable;
  readonly firstMoment: Variable;
  readonly secondMoment: Variable;
}

export class Adam {
  private readonly slots: Slot[];
  private readonly beta1Power: Variable;
  private readonly beta2Power: Variable;
  private readonly slotNames: NamedVariable[];
  /** Read at every update, so a change applies from the next one (the control channel's `set`). */
  private learningRate: number;

  constructor(
    private readonly tf: Tf,
    name: string,
    targets: readonly NamedVariable[],
    private readonly settings: OptimizerSpec,
  ) {
    this.learningRate = settings.learningRate;
    this.slots = targets.map(({ variable }) =>
      tf.tidy(() => ({
        target: variable,
        firstMoment: tf.variable(tf.zerosLike(variable), false),
        secondMoment: tf.variable(tf.zerosLike(variable), false),
      })),
    );
    // β₁ᵗ and β₂ᵗ for the *next* update t: they start at β¹ and are multiplied by β after each update.
    this.beta1Power = tf.tidy(() => tf.variable(tf.scalar(settings.beta1), false));
    this.beta2Power = tf.tidy(() => tf.variable(tf.scalar(settings.beta2), false));
    this.slotNames = [
      ...targets.flatMap(({ name: target }, i) => [
        { name: `${target}/adam_m`, variable: this.slots[i]?.firstMoment as Variable },
        { name: `${target}/adam_v`, variable: this.slots[i]?.secondMoment as Variable },
      ]),
      { name: `${name}/adam_beta1_power`, variable: this.beta1Power },
      { name: `${name}/adam_beta2_power`, variable: this.beta2Power },
    ];
  }

  /** The optimiser's state, for checkpoints. */
  get variables(): NamedVariable[] {
    return this.slotNames;
  }

  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }

  /** Applies one update; `gradients[i]` belongs to the i-th target variable. */
  apply(gradients: readonly Tensor[]): void {
    const { tf } = this;
    const { beta1, beta2 } = this.settings;
    const { learningRate } = this;
    if (gradients.length !== this.slots.length) throw new Error(`Adam got ${gradients.length} gradients for ${this.slots.length} variables`);
    tf.tidy(() => {
      // Bias correction folded into the step size: lr·√(1−β₂ᵗ)/(1−β₁ᵗ), with ε scaled to match.
      const correction1 = tf.sub(1, this.beta1Power);
      const correction2Root = tf.sqrt(tf.sub(1, this.beta2Power));
      const stepSize = tf.mul(learningRate, tf.div(correction2Root, correction1));
      const epsilon = tf.mul(EPSILON, correction2Root);
      this.slots.forEach((slot, i) => {
        const gradient = gradients[i] as Tensor;
        const m = tf.add(tf.mul(slot.firstMoment, beta1), tf.mul(gradient, 1 - beta1));
        const v = tf.add(tf.mul(slot.secondMoment, beta2), tf.mul(tf.square(gradient), 1 - beta2));
        slot.firstMoment.assign(m);
        slot.secondMoment.assign(v);
        slot.target.assign(tf.sub(slot.target, tf.mul(stepSize, tf.div(m, tf.add(tf.sqrt(v), epsilon)))));
      });
      this.beta1Power.assign(tf.mul(this.beta1Power, beta1));
      this.beta2Power.assign(tf.mul(this.beta2Power, beta2));
    });
  }

  dispose(): void {
    for (const slot of this.slots) {
      slot.firstMoment.dispose();
      slot.secondMoment.dispose();
    }
    this.beta1Power.dispose();
    this.beta2Power.dispose();
  }
}

/**
 * Adam (Kingma & Ba 2015) over a fixed list of variables, written out rather than taken from
 * tf.train.adam because a checkpoint must capture and restore its state exactly: tfjs's
 * setWeights() recomputes the bias-correction powers as beta^(t+1) on the backend, which in
 * float32 differs from the running product it had, so a resumed run would drift from an
 * uninterrupted one. Here the powers are JavaScript doubles that a checkpoint stores as they are.
 * The update is tfjs's: m̂ = m/(1-β1ᵗ), v̂ = v/(1-β2ᵗ), θ -= lr·m̂/(√v̂ + ε).
 */
import type { Tensor, Tf, Variable } from './tf';
import type * as tfjs from '@tensorflow/tfjs';

export interface AdamSettings {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
}

/** Everything Adam carries from one step to the next, as plain data. */
export interface AdamState {
  readonly step: number;
  readonly beta1Power: number;
  readonly beta2Power: number;
  readonly learningRate: number;
  /** First and second moments, one entry per variable in the optimizer's order. */
  readonly firstMoments: readonly Float32Array[];
  readonly secondMoments: readonly Float32Array[];
}

export class AdamOptimizer {
  /** Read at every step, so a change applies from the next one. */
  learningRate: number;
  private step = 0;
  private beta1Power = 1;
  private beta2Power = 1;
  private readonly firstMoments: Variable[];
  private readonly secondMoments: Variable[];
  private readonly epsilon: number;

  constructor(
    private readonly tf: Tf,
    private readonly variables: readonly Variable[],
    private readonly settings: AdamSettings,
  ) {
    this.learningRate = settings.learningRate;
    // The backend's epsilon, as tf.train.adam uses: 1e-7 on float32 backends.
    this.epsilon = tf.backend().epsilon();
    // tidy frees the zero tensors; the variables keep their own reference to the data.
    this.firstMoments = tf.tidy(() => variables.map((variable) => tf.variable(tf.zerosLike(variable), false)));
    this.secondMoments = tf.tidy(() => variables.map((variable) => tf.variable(tf.zerosLike(variable), false)));
  }

  /** One step down the gradient of `loss` with respect to the variables; returns the loss before the step. */
  minimize(loss: () => tfjs.Scalar): number {
    const { tf } = this;
    const { value, grads } = tf.variableGrads(loss, [...this.variables]);
    try {
      this.applyGradients(this.variables.map((variable) => grads[variable.name]));
      return value.dataSync()[0] ?? Number.NaN;
    } finally {
      value.dispose();
      tf.dispose(Object.values(grads));
    }
  }

  private applyGradients(gradients: readonly (Tensor | undefined)[]): void {
    const { tf } = this;
    const { beta1, beta2 } = this.settings;
    this.step++;
    this.beta1Power *= beta1;
    this.beta2Power *= beta2;
    const firstCorrection = 1 - this.beta1Power;
    const secondCorrection = 1 - this.beta2Power;
    tf.tidy(() => {
      this.variables.forEach((variable, index) => {
        const gradient = gradients[index];
        const m = this.firstMoments[index];
        const v = this.secondMoments[index];
        if (!gradient || !m || !v) return;
        const newM = tf.add(tf.mul(m, beta1), tf.mul(gradient, 1 - beta1));
        const newV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(gradient), 1 - beta2));
        m.assign(newM);
        v.assign(newV);
        const update = tf.div(tf.div(newM, firstCorrection), tf.add(tf.sqrt(tf.div(newV, secondCorrection)), this.epsilon));
        variable.assign(tf.add(tf.mul(update, -this.learningRate), variable));
      });
    });
  }

  getState(): AdamState {
    return {
      step: this.step,
      beta1Power: this.beta1Power,
      beta2Power: this.beta2Power,
      learningRate: this.learningRate,
      firstMoments: this.firstMoments.map((m) => Float32Array.from(m.dataSync() as Float32Array)),
      secondMoments: this.secondMoments.map((v) => Float32Array.from(v.dataSync() as Float32Array)),
    };
  }

  /** Throws, changing nothing, when the state does not fit these variables. */
  setState(state: AdamState): void {
    const sizes = this.variables.map((variable) => variable.size);
    const fits = (moments: readonly Float32Array[]): boolean => moments.length === sizes.length && moments.every((moment, i) => moment.length === sizes[i]);
    if (!fits(state.firstMoments) || !fits(state.secondMoments)) {
      throw new Error(`optimizer state does not fit the model: expected moments of sizes [${sizes.join(', ')}]`);
    }
    const { tf } = this;
    this.step = state.step;
    this.beta1Power = state.beta1Power;
    this.beta2Power = state.beta2Power;
    this.learningRate = state.learningRate;
    tf.tidy(() => {
      this.variables.forEach((variable, index) => {
        this.firstMoments[index]?.assign(tf.tensor(state.firstMoments[index] ?? [], variable.shape));
        this.secondMoments[index]?.assign(tf.tensor(state.secondMoments[index] ?? [], variable.shape));
      });
    });
  }

  dispose(): void {
    this.tf.dispose([...this.firstMoments, ...this.secondMoments]);
  }
}

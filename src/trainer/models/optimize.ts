/**
 * One optimiser update with the gradient norms the snapshots report: gradients of a loss with
 * respect to named variable groups, their global L2 norm per group, then Adam.
 */
import type { Tensor, Tf } from '../tf';
import type { Adam } from './adam';
import type { NamedVariable, StepReport } from './model';
import type * as tfjs from '@tensorflow/tfjs';

export interface VariableGroup {
  readonly name: string;
  readonly variables: readonly NamedVariable[];
}

export interface UpdateResult {
  readonly loss: tfjs.Scalar;
  /** By group name: √(Σ ‖g‖²) over the group's variables. */
  readonly gradientNorms: Readonly<Record<string, tfjs.Scalar>>;
}

/** Returns tensors the caller must dispose; everything else is freed. */
export function minimize(tf: Tf, loss: () => tfjs.Scalar, groups: readonly VariableGroup[], optimizer: Adam): UpdateResult {
  return tf.tidy(() => {
    const variables = groups.flatMap((group) => group.variables.map(({ variable }) => variable));
    const { value, grads } = tf.variableGrads(loss, variables);
    // A variable the loss does not reach gets no entry; its gradient is zero.
    const gradientOf = (variable: tfjs.Variable): Tensor => grads[variable.name] ?? tf.zerosLike(variable);
    const gradientNorms: Record<string, tfjs.Scalar> = {};
    for (const group of groups) {
      const squares = group.variables.map(({ variable }) => tf.sum(tf.square(gradientOf(variable))));
      gradientNorms[group.name] = tf.sqrt(squares.length > 0 ? tf.addN(squares) : tf.scalar(0)) as tfjs.Scalar;
    }
    optimizer.apply(variables.map(gradientOf));
    return { loss: value, gradientNorms };
  });
}

/**
 * Reads named scalar tensors with one download (each dataSync waits for the backend) and disposes them.
 */
export function readScalars(tf: Tf, scalars: Readonly<Record<string, Tensor>>): Record<string, number> {
  const names = Object.keys(scalars);
  const tensors = names.map((name) => scalars[name] as Tensor);
  const stacked = tf.tidy(() => tf.stack(tensors.map((t) => tf.reshape(t, []))));
  try {
    const values = stacked.dataSync();
    return Object.fromEntries(names.map((name, i) => [name, values[i] ?? Number.NaN]));
  } finally {
    stacked.dispose();
    tf.dispose(tensors);
  }
}

/** A step's losses and gradient norms (by network name) as numbers, with one download; disposes the tensors. */
export function readStepReport(tf: Tf, losses: Readonly<Record<string, Tensor>>, gradientNorms: Readonly<Record<string, Tensor>>): StepReport {
  // Prefixed so that a loss and a network of the same name cannot overwrite each other.
  const prefixed = (prefix: string, record: Readonly<Record<string, Tensor>>): [string, Tensor][] => Object.entries(record).map(([name, tensor]) => [prefix + name, tensor]);
  const values = readScalars(tf, Object.fromEntries([...prefixed('loss/', losses), ...prefixed('norm/', gradientNorms)]));
  const numbers = (prefix: string, record: Readonly<Record<string, Tensor>>): Record<string, number> => Object.fromEntries(Object.keys(record).map((name) => [name, values[prefix + name] ?? NaN]));
  return { losses: numbers('loss/', losses), gradientNorms: numbers('norm/', gradientNorms) };
}

/** The mean of several kept scalars, disposing them; for values averaged over critic iterations. */
export function meanOf(tf: Tf, scalars: readonly Tensor[]): Tensor {
  const mean = tf.tidy(() => tf.div(tf.addN(scalars.map((s) => tf.reshape(s, []))), scalars.length));
  tf.dispose([...scalars]);
  return mean;
}

/**
 * The training state a checkpoint holds, in one model-independent shape: float32 arrays by name
 * (weights, optimizer moments) and small JSON values (random generator states, step counts).
 * Models and sessions produce and consume it; checkpointStore.ts writes and reads it. Restoring
 * checks every name and size, because the state comes from disk and may not fit the model.
 */
import type { AdamOptimizer, AdamState } from '../adamOptimizer';
import type { Tf, Variable } from '../tf';

export interface StateArray {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface SavedState {
  readonly arrays: Readonly<Record<string, StateArray>>;
  /** JSON-safe values only: they go into the checkpoint's manifest. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** The state does not fit what it is restored into; resume reports it and starts nothing. */
export class StateMismatchError extends Error {}

export function requireArray(state: SavedState, name: string, shape: readonly number[]): Float32Array {
  const array = Object.prototype.hasOwnProperty.call(state.arrays, name) ? state.arrays[name] : undefined;
  if (!array) throw new StateMismatchError(`the checkpoint has no array "${name}"`);
  const expected = shape.reduce((product, size) => product * size, 1);
  if (array.shape.length !== shape.length || array.shape.some((size, i) => size !== shape[i]) || array.data.length !== expected) {
    throw new StateMismatchError(`array "${name}" has shape [${array.shape.join(', ')}], but the model needs [${shape.join(', ')}]`);
  }
  return array.data;
}

export function requireValue(state: SavedState, name: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(state.values, name)) throw new StateMismatchError(`the checkpoint has no value "${name}"`);
  return state.values[name];
}

export function variableArrays(prefix: string, variables: readonly Variable[]): Record<string, StateArray> {
  const arrays: Record<string, StateArray> = {};
  variables.forEach((variable, index) => {
    arrays[`${prefix}.${index}`] = { shape: [...variable.shape], data: Float32Array.from(variable.dataSync() as Float32Array) };
  });
  return arrays;
}

/** Checks every array first, so a mismatch leaves the variables as they were. */
export function restoreVariables(tf: Tf, prefix: string, variables: readonly Variable[], state: SavedState): void {
  const values = variables.map((variable, index) => requireArray(state, `${prefix}.${index}`, variable.shape));
  tf.tidy(() => variables.forEach((variable, index) => variable.assign(tf.tensor(values[index] ?? new Float32Array(0), variable.shape))));
}

interface AdamScalars {
  readonly step: number;
  readonly beta1Power: number;
  readonly beta2Power: number;
  readonly learningRate: number;
}

export function adamState(prefix: string, optimizer: AdamOptimizer): SavedState {
  const state = optimizer.getState();
  const arrays: Record<string, StateArray> = {};
  state.firstMoments.forEach((data, index) => (arrays[`${prefix}.m.${index}`] = { shape: [data.length], data }));
  state.secondMoments.forEach((data, index) => (arrays[`${prefix}.v.${index}`] = { shape: [data.length], data }));
  const scalars: AdamScalars = { step: state.step, beta1Power: state.beta1Power, beta2Power: state.beta2Power, learningRate: state.learningRate };
  return { arrays, values: { [prefix]: scalars } };
}

export function restoreAdam(prefix: string, optimizer: AdamOptimizer, sizes: readonly number[], state: SavedState): void {
  const scalars = requireValue(state, prefix) as Partial<Record<keyof AdamScalars, unknown>> | null;
  const number = (field: keyof AdamScalars): number => {
    const value = scalars?.[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new StateMismatchError(`"${prefix}.${field}" is not a finite number`);
    return value;
  };
  const step = number('step');
  if (!Number.isSafeInteger(step) || step < 0) throw new StateMismatchError(`"${prefix}.step" is not a whole number ≥ 0`);
  const restored: AdamState = {
    step,
    beta1Power: number('beta1Power'),
    beta2Power: number('beta2Power'),
    learningRate: number('learningRate'),
    firstMoments: sizes.map((size, index) => requireArray(state, `${prefix}.m.${index}`, [size])),
    secondMoments: sizes.map((size, index) => requireArray(state, `${prefix}.v.${index}`, [size])),
  };
  optimizer.setState(restored);
}

export function mergeStates(...states: readonly SavedState[]): SavedState {
  return {
    arrays: Object.assign({}, ...states.map((state) => state.arrays)) as Record<string, StateArray>,
    values: Object.assign({}, ...states.map((state) => state.values)) as Record<string, unknown>,
  };
}

/**
 * The training state a checkpoint holds, in one model-independent shape: float32 arrays by name
 * (a model's named variables: weights, optimizer moments) and small JSON values (random generator
 * states, the dataset's position, step counts). The training session produces and consumes it;
 * checkpointStore.ts writes and reads it. Restoring checks every name and size, because the state
 * comes from disk and may not fit the model.
 */

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

/**
 * The TensorFlow.js namespace the trainer computes with. It is passed around rather than imported
 * because it is not always the bundled one: when the user has @tensorflow/tfjs-node installed, the
 * trainer uses the namespace *that package* exports (see backend.ts).
 */
import type * as tfjs from '@tensorflow/tfjs';

export type Tf = typeof tfjs;
export type Tensor = tfjs.Tensor;
export type Tensor2D = tfjs.Tensor2D;
export type Variable = tfjs.Variable;

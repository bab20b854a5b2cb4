/**
 * What an augment leaves behind, in the order applied: the whole augmentation state, which a
 * checkpoint saves and a resumed run re-applies (augmentState.ts).
 */
import type { AttributeGroup } from './attributeGroup';

/** The group's rows are drawn `factor` times as often; several reweights multiply where groups overlap. */
export interface AppliedReweight {
  readonly method: 'reweight';
  readonly group: AttributeGroup;
  readonly factor: number;
  readonly iteration: number;
}

/** Samples added to the training pool: images from a folder, or samples synthesized from the model. */
export interface AppliedRows {
  readonly method: 'add-images' | 'synthesize';
  readonly group: AttributeGroup;
  /** The folder the images came from, or what produced synthesized samples. */
  readonly source: string;
  /** Where the labels came from: a CSV file's name, or "the group". */
  readonly labelledBy: string;
  readonly iteration: number;
  readonly count: number;
  /** count × sample length; bytes read as value / 255, like a stored dataset's. */
  readonly pixels: Float32Array | Uint8Array;
  /** count × attributes. */
  readonly labels: Int32Array;
}

export type AppliedAugment = AppliedReweight | AppliedRows;

export function isReweight(augment: AppliedAugment): augment is AppliedReweight {
  return augment.method === 'reweight';
}

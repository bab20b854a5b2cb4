/**
 * The outputs of a set of samples in the form a snapshot holds `generated` (docs/stream-format.md):
 * 2-D points as they are; images as pixel vectors shrunk to `projectionImageSize` a side, plus the
 * first `thumbnails` as 8-bit thumbnails. So a `sampled` event is bounded as a snapshot is, and
 * whatever reads `generated` reads it.
 */
import type { NumericArray } from '../../protocol/stream';
import { shrinkImages, thumbnails } from '../snapshot/shrinkImages';

export interface SampleOutputForm {
  readonly kind: 'points' | 'image';
  /** One sample's shape: [d] for points, [side, side, channels] for images. */
  readonly shape: readonly number[];
  readonly projectionImageSize: number;
  readonly thumbnails: number;
  readonly thumbnailSize: number;
}

export interface SampleOutputArrays {
  readonly samples: NumericArray;
  readonly thumbs?: NumericArray;
}

export function sampleOutputArrays(form: SampleOutputForm, samples: Float32Array, count: number): SampleOutputArrays {
  if (form.kind !== 'image') return { samples: { dtype: 'float32', shape: [count, ...form.shape], data: samples } };
  const [side = 0, , channels = 1] = form.shape;
  const images = { data: samples, count, side, channels };
  const vectors = shrinkImages(images, form.projectionImageSize);
  const shrunk: NumericArray = { dtype: 'float32', shape: [count, vectors.side * vectors.side * channels], data: vectors.data };
  if (form.thumbnails <= 0) return { samples: shrunk };
  const thumbs = thumbnails(images, form.thumbnails, form.thumbnailSize);
  return { samples: shrunk, thumbs: { dtype: 'uint8', shape: thumbs.shape, data: thumbs.data } };
}

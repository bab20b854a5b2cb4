/**
 * A fixed sample set as a snapshot writes it: points as they are; images as shrunk pixel vectors
 * (what the projection reads) plus the first few as 8-bit thumbnails. Shared by the single- and
 * multi-player sessions so every player's set has the same form as the unprefixed one.
 */
import type { SnapshotConfig } from '../../core/config/types';
import type { NumericArray } from '../../protocol/stream';
import { shrinkImages, thumbnails, type ImageBatch } from './shrinkImages';

export interface SampleForm {
  readonly kind: 'points' | 'image';
  /** One sample's shape: [d], or [height, width, channels]. */
  readonly shape: readonly number[];
  readonly snapshot: Pick<SnapshotConfig, 'projectionImageSize' | 'thumbnails' | 'thumbnailSize'>;
}

/** `name` ([rows, values] float32) and, for images with thumbnails, `<name>Thumbs` (uint8). */
export function sampleArrays(form: SampleForm, name: string, samples: Float32Array, rows: number): Record<string, NumericArray> {
  if (form.kind !== 'image') return { [name]: { dtype: 'float32', shape: [rows, ...form.shape], data: samples } };
  const { projectionImageSize, thumbnails: thumbnailCount, thumbnailSize } = form.snapshot;
  const [side = 0, , channels = 1] = form.shape;
  const images: ImageBatch = { data: samples, count: rows, side, channels };
  const vectors = shrinkImages(images, projectionImageSize);
  const result: Record<string, NumericArray> = { [name]: { dtype: 'float32', shape: [rows, vectors.side * vectors.side * channels], data: vectors.data } };
  if (thumbnailCount > 0) {
    const thumbs = thumbnails(images, thumbnailCount, thumbnailSize);
    result[`${name}Thumbs`] = { dtype: 'uint8', shape: thumbs.shape, data: thumbs.data };
  }
  return result;
}

/**
 * Named float32 arrays packed end to end into one little-endian byte block, with the entries a
 * manifest records to find each array again (checkpoints, cached evaluators).
 */
import { littleEndianBytes } from '../core/stream/dtypes';

export interface PackedArrayEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly byteLength: number;
}

export interface NamedFloat32Array {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export function packFloat32Arrays(arrays: Iterable<NamedFloat32Array>): { bytes: Buffer; entries: PackedArrayEntry[] } {
  const entries: PackedArrayEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const { name, shape, data } of arrays) {
    const part = littleEndianBytes({ dtype: 'float32', shape, data });
    entries.push({ name, shape: [...shape], offset, byteLength: part.byteLength });
    parts.push(part);
    offset += part.byteLength;
  }
  return { bytes: Buffer.concat(parts), entries };
}

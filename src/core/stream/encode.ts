/** Encodes a record as one complete frame (see docs/stream-format.md for the layout). */
import type { NumericArray, StreamRecord } from '../../protocol/stream';
import { crc32 } from './crc32';
import { dtypeInfo, elementCount, isKnownDType, littleEndianBytes } from './dtypes';
import { alignUp, FRAME_HEADER_BYTES, FRAME_MAGIC, HEADER_CRC_COVERED_BYTES, MAX_PAYLOAD_BYTES } from './format';
import { metricToJson } from './metric-json';
import { recordFromMeta, type ArrayDescriptor } from './record-meta';

interface PlacedArray {
  readonly descriptor: ArrayDescriptor;
  readonly bytes: Uint8Array;
}

/** Throws a clear Error for a record a reader would reject, so a writer bug cannot produce an unreadable stream. */
export function encodeRecord(record: StreamRecord): Buffer {
  const placed = record.type === 'snapshot' ? placeArrays(record.arrays) : record.type === 'event' && record.arrays !== undefined ? placeArrays(record.arrays, 'event') : [];
  try {
    return encodeFrame(metaJson(record, placed), placed.map(({ descriptor, bytes }) => ({ offset: descriptor.offset, bytes })));
  } catch (error) {
    throw new Error(`cannot write ${record.type} record: ${(error as Error).message}`);
  }
}

/** Bytes to place at `offset` within a frame's binary section. */
export interface BinaryPart {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/**
 * Frames meta JSON text and its binary section without checking that they describe a valid record.
 * encodeRecord is the way to write records; this exists for it and for tests that need unusual frames
 * (unknown record types, newer format versions).
 */
export function encodeFrame(metaJson: string, binaryParts: readonly BinaryPart[] = []): Buffer {
  const metaBytes = Buffer.from(metaJson, 'utf8');
  const binaryStart = alignUp(4 + metaBytes.length);
  const binaryLength = alignUp(binaryParts.reduce((end, part) => Math.max(end, part.offset + part.bytes.byteLength), 0));
  const payloadLength = binaryStart + binaryLength;
  if (payloadLength > MAX_PAYLOAD_BYTES) throw new Error(`its ${payloadLength}-byte payload exceeds the ${MAX_PAYLOAD_BYTES}-byte limit`);

  // Buffer.alloc zero-fills, which provides the zero padding the format requires.
  const frame = Buffer.alloc(FRAME_HEADER_BYTES + payloadLength);
  const payload = frame.subarray(FRAME_HEADER_BYTES);
  payload.writeUInt32LE(metaBytes.length, 0);
  metaBytes.copy(payload, 4);
  for (const { offset, bytes } of binaryParts) payload.set(bytes, binaryStart + offset);

  FRAME_MAGIC.copy(frame, 0);
  frame.writeUInt32LE(payloadLength, 4);
  frame.writeUInt32LE(crc32(frame.subarray(0, HEADER_CRC_COVERED_BYTES)), 8);
  frame.writeUInt32LE(crc32(payload), 12);
  return frame;
}

function metaJson(record: StreamRecord, placed: readonly PlacedArray[]): string {
  const meta: Record<string, unknown> =
    record.type === 'snapshot'
      ? {
          type: record.type,
          iteration: record.iteration,
          time: record.time,
          metrics: encodeMetrics(record.metrics),
          arrays: placed.map((array) => array.descriptor),
        }
      : record.type === 'event' && record.arrays !== undefined
        ? { ...record, arrays: placed.map((array) => array.descriptor) }
        : { ...record };
  let json: string;
  try {
    json = JSON.stringify(meta);
  } catch (error) {
    throw new Error(`it is not JSON-serialisable (${(error as Error).message})`);
  }
  // Arrays were validated while placing them; check everything else with the reader's own rules.
  const check = recordFromMeta({ ...(JSON.parse(json) as object), arrays: undefined }, new Uint8Array(0));
  if (check.kind === 'invalid') throw new Error(check.message);
  if (check.kind === 'ignored') throw new Error(`a reader would ignore it (${check.reason})`);
  return json;
}

function encodeMetrics(metrics: Readonly<Record<string, number>>): Record<string, unknown> {
  if (typeof metrics !== 'object' || metrics === null) throw new Error('"metrics" is not an object');
  const encoded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== 'number') throw new Error(`metric "${name}" is not a number`);
    encoded[name] = metricToJson(value);
  }
  return encoded;
}

function placeArrays(arrays: Readonly<Record<string, NumericArray>>, recordType: 'snapshot' | 'event' = 'snapshot'): PlacedArray[] {
  if (typeof arrays !== 'object' || arrays === null) throw new Error(`cannot write ${recordType} record: "arrays" is not an object`);
  const placed: PlacedArray[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(arrays)) {
    checkArray(name, array, recordType);
    const bytes = littleEndianBytes(array);
    placed.push({ descriptor: { name, dtype: array.dtype, shape: [...array.shape], offset, byteLength: bytes.byteLength }, bytes });
    offset = alignUp(offset + bytes.byteLength);
  }
  return placed;
}

function checkArray(name: string, array: NumericArray, recordType: 'snapshot' | 'event'): void {
  const problem = name.length === 0 ? 'has an empty name' : arrayProblem(array);
  if (problem) throw new Error(`cannot write ${recordType} record: array "${name}" ${problem}`);
}

function arrayProblem(array: NumericArray): string | undefined {
  if (!isKnownDType(array.dtype)) return `has unknown dtype ${JSON.stringify(array.dtype)}`;
  if (!(array.data instanceof dtypeInfo(array.dtype).arrayType)) return `is declared ${array.dtype} but its data is a ${array.data?.constructor?.name}`;
  if (!Array.isArray(array.shape) || !array.shape.every((size) => Number.isSafeInteger(size) && size >= 0)) {
    return 'has a shape that is not a list of non-negative integers';
  }
  const count = elementCount(array.shape);
  if (count !== array.data.length) return `has shape [${array.shape.join(', ')}] (${count} elements) but ${array.data.length} elements of data`;
  return undefined;
}

/** Synchronous, one-shot reading of a stream file (for the CLI, tests and a writer resuming a run). */
import * as fs from 'node:fs';
import { FILE_SIGNATURE, FRAME_HEADER_BYTES } from './format';
import { FrameScanner } from './frame-scanner';
import { checkResumeOffset, checkSignature, notAStreamMessage } from './signature';
import type { OffsetRecord, StreamChunkResult, StreamError } from './types';

export type { OffsetRecord, StreamChunkResult, StreamError } from './types';

/** Bytes read per step; a frame larger than this is read whole, in one step of its own size. */
export const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a whole stream file synchronously from `fromOffset` (0 = start, signature checked).
 * Throws a clear Error if the file is not a genmon stream, or if `fromOffset` is past its end.
 * Corrupt frames do not throw: they are listed in `errors` and the frames after them are still read.
 */
export function readStreamFile(filePath: string, fromOffset = 0): StreamChunkResult {
  const fd = fs.openSync(filePath, 'r');
  try {
    return readStreamFd(fd, filePath, fromOffset, new FrameScanner({ decode: true }));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Shared with the writer, which scans without decoding to find where the last complete frame ends.
 * `maxBytes` stops after about that many bytes of frames (at least one window), so a reader working
 * through a long stream holds one part of it in memory at a time; read again from `nextOffset`.
 */
export function readStreamFd(fd: number, filePath: string, fromOffset: number, scanner: FrameScanner, maxBytes = Number.POSITIVE_INFINITY): StreamChunkResult {
  checkResumeOffset(fromOffset);
  const size = fs.fstatSync(fd).size;
  if (fromOffset > size) throw new Error(`cannot read ${filePath} from offset ${fromOffset}: the file has only ${size} bytes (was it truncated?)`);

  let offset = fromOffset;
  if (offset === 0) {
    const signature = checkSignature(readAt(fd, 0, Math.min(size, FILE_SIGNATURE.length)));
    if (signature === 'wrong') throw new Error(notAStreamMessage(filePath));
    if (signature === 'partial') return { records: [], errors: [], nextOffset: 0, pendingBytes: size };
    offset = FILE_SIGNATURE.length;
  }

  const records: OffsetRecord[] = [];
  const errors: StreamError[] = [];
  let needed = FRAME_HEADER_BYTES;
  let seenEnd = offset;
  while (offset < size) {
    const remaining = size - offset;
    const length = Math.min(remaining, Math.max(READ_CHUNK_BYTES, needed));
    const window = readAt(fd, offset, length);
    const scan = scanner.scan(window, offset);
    records.push(...scan.records);
    errors.push(...scan.errors);
    seenEnd = offset + window.length;
    offset += scan.consumed;
    needed = scan.needed;
    // Every byte up to the end of the file has been seen (a short read means it shrank meanwhile):
    // whatever is left is an incomplete frame.
    if (length === remaining || window.length < length) break;
    if (offset - fromOffset >= maxBytes && records.length > 0) break;
  }
  return { records, errors, nextOffset: offset, pendingBytes: Math.max(0, seenEnd - offset) };
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const read = fs.readSync(fd, buffer, filled, length - filled, position + filled);
    if (read === 0) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}

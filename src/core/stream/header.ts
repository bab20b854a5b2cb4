import * as fs from 'node:fs';
import type { HeaderRecord } from '../../protocol/stream';
import { FILE_SIGNATURE } from './format';
import { FrameScanner } from './frame-scanner';
import { checkSignature, notAStreamMessage } from './signature';

/** A header holds the config and its source text: far below this, so one read finds it. */
const HEADER_READ_BYTES = 1024 * 1024;

/**
 * The header record of a stream without reading the rest of the file, for listing or opening runs.
 * Throws a clear Error when the file is not a genmon stream or does not start with a header.
 */
export function readStreamHeader(filePath: string): HeaderRecord {
  const fd = fs.openSync(filePath, 'r');
  try {
    const buffer = Buffer.allocUnsafe(HEADER_READ_BYTES);
    const length = fs.readSync(fd, buffer, 0, HEADER_READ_BYTES, 0);
    const bytes = buffer.subarray(0, length);
    const signature = checkSignature(bytes.subarray(0, Math.min(length, FILE_SIGNATURE.length)));
    if (signature !== 'complete') throw new Error(signature === 'wrong' ? notAStreamMessage(filePath) : `${filePath} holds no record yet`);
    const scan = new FrameScanner({ decode: true }).scan(bytes.subarray(FILE_SIGNATURE.length), FILE_SIGNATURE.length);
    const first = scan.records[0]?.record;
    if (first?.type !== 'header') {
      const why = scan.errors[0]?.message ?? (first ? `its first record is a ${first.type}` : 'no complete record yet');
      throw new Error(`${filePath} does not start with a header record: ${why}`);
    }
    return first;
  } finally {
    fs.closeSync(fd);
  }
}

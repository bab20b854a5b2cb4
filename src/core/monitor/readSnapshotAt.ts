import * as fs from 'node:fs';
import type { SnapshotRecord } from '../../protocol/stream';
import { FRAME_HEADER_BYTES, MAX_PAYLOAD_BYTES } from '../stream/format';
import { FrameScanner } from '../stream/frame-scanner';
import { readAt } from '../stream/readAt';

/**
 * Reads the snapshot record whose frame starts at `offset` in a stream file. Monitors keep only the
 * offsets of snapshots whose arrays are not needed yet, and read them back when they are.
 * Throws a clear Error when no valid snapshot frame starts there (the file changed or was truncated).
 */
export async function readSnapshotAt(filePath: string, offset: number): Promise<SnapshotRecord> {
  const file = await fs.promises.open(filePath, 'r');
  try {
    const header = await readAt(file, offset, FRAME_HEADER_BYTES);
    // A corrupt length is left for the scanner to report rather than allocated.
    const claimed = header.length === FRAME_HEADER_BYTES ? header.readUInt32LE(4) : 0;
    const payloadLength = claimed <= MAX_PAYLOAD_BYTES ? claimed : 0;
    const frame = Buffer.concat([header, await readAt(file, offset + FRAME_HEADER_BYTES, payloadLength)]);
    const scan = new FrameScanner({ decode: true }).scan(frame, offset);
    const record = scan.records[0]?.record;
    if (scan.records.length !== 1 || scan.records[0]?.offset !== offset || record?.type !== 'snapshot') {
      const why = scan.errors[0]?.message ?? (record ? `a ${record.type} record` : 'an incomplete frame');
      throw new Error(`no snapshot at byte ${offset} of ${filePath}: found ${why}`);
    }
    return record;
  } finally {
    await file.close();
  }
}

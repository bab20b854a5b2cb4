/** Appends records to a stream file; the trainer's only way of writing one. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StreamRecord } from '../../protocol/stream';
import { encodeRecord } from './encode';
import { FILE_SIGNATURE } from './format';
import { FrameScanner } from './frame-scanner';
import { readStreamFd } from './reader';
import { checkSignature, notAStreamMessage } from './signature';

export class StreamWriter {
  private fd: number | undefined;

  private constructor(
    readonly filePath: string,
    fd: number,
    /** Bytes of an incomplete trailing frame that openForAppend removed (a crash mid-write leaves one). */
    readonly droppedBytes: number,
  ) {
    this.fd = fd;
  }

  /** Creates the parent folder if needed and a NEW stream file (writes the signature); throws a clear Error if the file already exists and is non-empty. */
  static create(filePath: string): StreamWriter {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    let fd: number;
    try {
      fd = fs.openSync(filePath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (fs.statSync(filePath).size > 0) {
        throw new Error(`cannot create stream ${filePath}: the file already exists and is not empty (use openForAppend to continue a run)`, {
          cause: error,
        });
      }
      fd = fs.openSync(filePath, 'a');
    }
    try {
      writeFully(fd, FILE_SIGNATURE);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    return new StreamWriter(filePath, fd, 0);
  }

  /**
   * Opens an existing stream to append (for resumed runs); validates the signature and truncates a partial
   * trailing frame, reporting how many bytes it dropped in `droppedBytes`. Corrupt frames in the middle are
   * left as they are: readers skip them, and rewriting history is not a writer's job.
   */
  static openForAppend(filePath: string): StreamWriter {
    const droppedBytes = truncateIncompleteTail(filePath);
    const fd = fs.openSync(filePath, 'a');
    try {
      if (fs.fstatSync(fd).size === 0) writeFully(fd, FILE_SIGNATURE);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    return new StreamWriter(filePath, fd, droppedBytes);
  }

  /** Encodes and appends one record synchronously, in one write call, so readers never see a torn frame except at the tail; returns bytes written. */
  write(record: StreamRecord): number {
    if (this.fd === undefined) throw new Error(`cannot write to stream ${this.filePath}: the writer is closed`);
    const frame = encodeRecord(record);
    writeFully(this.fd, frame);
    return frame.length;
  }

  /** Idempotent. */
  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    fs.closeSync(fd);
  }
}

/** Returns the number of bytes removed from the end of the file. */
function truncateIncompleteTail(filePath: string): number {
  const fd = fs.openSync(filePath, 'r+');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, FILE_SIGNATURE.length));
    fs.readSync(fd, head, 0, head.length, 0);
    const signature = checkSignature(head);
    if (signature === 'wrong') throw new Error(`cannot append to ${filePath}: ${notAStreamMessage(filePath)}`);
    // A signature cut short by a crash: start the file over; it held no records.
    const keep = signature === 'partial' ? 0 : readStreamFd(fd, filePath, 0, new FrameScanner({ decode: false })).nextOffset;
    if (keep < size) fs.ftruncateSync(fd, keep);
    return size - keep;
  } finally {
    fs.closeSync(fd);
  }
}

function writeFully(fd: number, bytes: Uint8Array): void {
  let written = 0;
  // A regular file takes the whole buffer in one call; the loop only guards against a short write.
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

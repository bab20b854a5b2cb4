/**
 * Follows a stream file while the trainer appends to it. fs.watch gives prompt notice; a timer polls as
 * well, because watch events are missed or delayed on some file systems (network drives, some containers)
 * and because the file, or even its folder, may not exist yet when tailing starts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FILE_SIGNATURE, FRAME_HEADER_BYTES } from './format';
import { FrameScanner } from './frame-scanner';
import { readAt } from './readAt';
import { READ_CHUNK_BYTES } from './reader';
import { checkResumeOffset, checkSignature, notAStreamMessage } from './signature';
import type { OffsetRecord, StreamError } from './types';

export interface StreamTailerOptions {
  /** Byte offset to resume from: 0 (the default) or a `nextOffset`/`offset` from an earlier read. */
  readonly fromOffset?: number;
  /** Default 500. Polling is the fallback when fs.watch misses events or the file does not exist yet. */
  readonly pollIntervalMs?: number;
  /** Largest read in one step (default 1 MiB); a frame larger than this is read in one step of its own size. */
  readonly chunkBytes?: number;
  readonly onRecords: (records: readonly OffsetRecord[]) => void;
  readonly onError?: (error: StreamError) => void;
}

interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

export class StreamTailer {
  private currentOffset: number;
  private currentPendingBytes = 0;
  /** Bytes needed from `currentOffset` before the next frame can be judged; avoids re-reading a large incomplete frame. */
  private needed = FRAME_HEADER_BYTES;
  /** File size at the last read, so a poll with nothing new costs one stat. */
  private sizeAtLastRead = -1;
  private identity: FileIdentity | undefined;
  private rejectedSignature = false;
  private lastIoErrorMessage: string | undefined;
  private readonly scanner = new FrameScanner({ decode: true });

  private watcher: fs.FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    readonly filePath: string,
    private readonly options: StreamTailerOptions,
  ) {
    const fromOffset = options.fromOffset ?? 0;
    checkResumeOffset(fromOffset);
    this.currentOffset = fromOffset;
  }

  /** Offset just past the last complete frame read; resume a later tailer from here. */
  get offset(): number {
    return this.currentOffset;
  }

  /** Bytes after `offset` that form an incomplete frame, as of the last read. */
  get pendingBytes(): number {
    return this.currentPendingBytes;
  }

  /** Begins watching and polling; the file may not exist yet. Reads what is already there straight away. */
  start(): void {
    if (this.disposed || this.timer) return;
    this.timer = setInterval(() => {
      this.ensureWatcher();
      void this.poll();
    }, this.options.pollIntervalMs ?? 500);
    this.ensureWatcher();
    void this.poll();
  }

  /**
   * Reads what is new now; resolves when done and never rejects (problems go to onError).
   * Calls made while a read runs are coalesced into a single follow-up read.
   */
  poll(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (!this.running) {
      this.running = this.readNewBytes().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.poll();
    });
    return this.queued;
  }

  /** Stops the watcher and the timer; records from a read still in flight are no longer delivered. Idempotent. */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.closeWatcher();
  }

  /** Watches the folder rather than the file: that works before the file exists and survives the file being replaced. */
  private ensureWatcher(): void {
    if (this.disposed || this.watcher) return;
    const fileName = path.basename(this.filePath);
    try {
      const watcher = fs.watch(path.dirname(this.filePath), (_event, changed) => {
        if (changed === null || changed === fileName) void this.poll();
      });
      // A watcher that fails (folder deleted, too many watches) is dropped; polling carries on and retries it.
      watcher.on('error', () => {
        if (this.watcher === watcher) this.closeWatcher();
      });
      this.watcher = watcher;
    } catch {
      // Typically the folder does not exist yet: the timer tries again.
    }
  }

  private closeWatcher(): void {
    const watcher = this.watcher;
    this.watcher = undefined;
    watcher?.close();
  }

  private async readNewBytes(): Promise<void> {
    let file: fs.promises.FileHandle | undefined;
    try {
      try {
        file = await fs.promises.open(this.filePath, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      await this.readFrom(file);
      this.lastIoErrorMessage = undefined;
    } catch (error) {
      // A persistent problem (say, permissions) would otherwise be reported on every poll.
      const message = `cannot read ${this.filePath}: ${(error as Error).message}`;
      if (message !== this.lastIoErrorMessage) this.report({ offset: this.currentOffset, message });
      this.lastIoErrorMessage = message;
    } finally {
      await file?.close().catch(() => undefined);
    }
  }

  private async readFrom(file: fs.promises.FileHandle): Promise<void> {
    const stats = await file.stat();
    this.noticeReplacementOrTruncation({ dev: stats.dev, ino: stats.ino }, stats.size);
    if (this.rejectedSignature || stats.size === this.sizeAtLastRead) return;
    const available = stats.size - this.currentOffset;
    // Only read once the incomplete frame could be complete; small amounts are scanned so garbage is reported promptly.
    if (available < this.needed && this.needed > FRAME_HEADER_BYTES) {
      this.currentPendingBytes = available;
      return;
    }
    this.sizeAtLastRead = stats.size;

    if (this.currentOffset === 0) {
      const signature = checkSignature(await readAt(file, 0, Math.min(stats.size, FILE_SIGNATURE.length)));
      if (signature === 'wrong') {
        this.rejectedSignature = true;
        this.report({ offset: 0, message: notAStreamMessage(this.filePath) });
        return;
      }
      if (signature === 'partial') return;
      this.currentOffset = FILE_SIGNATURE.length;
    }

    const chunkBytes = Math.max(FRAME_HEADER_BYTES, this.options.chunkBytes ?? READ_CHUNK_BYTES);
    while (!this.disposed) {
      const length = Math.max(chunkBytes, this.needed);
      const window = await readAt(file, this.currentOffset, length);
      const scan = this.scanner.scan(window, this.currentOffset);
      this.currentOffset += scan.consumed;
      this.needed = scan.needed;
      this.currentPendingBytes = window.length - scan.consumed;
      if (this.disposed) return;
      for (const error of scan.errors) this.report(error);
      if (scan.records.length > 0) this.deliver(scan.records);
      // A short read means the end of the file; a full one may have left more behind it.
      if (window.length < length) return;
    }
  }

  /** A file that shrank or was replaced is read again from the start: records already delivered may be delivered again. */
  private noticeReplacementOrTruncation(identity: FileIdentity, size: number): void {
    const replaced = this.identity !== undefined && (this.identity.dev !== identity.dev || this.identity.ino !== identity.ino);
    this.identity = identity;
    if (!replaced && size >= this.currentOffset) return;
    const what = replaced ? 'was replaced' : `shrank to ${size} bytes, below the read position ${this.currentOffset}`;
    this.report({ offset: this.currentOffset, message: `stream file ${this.filePath} ${what}; reading it again from the start` });
    this.currentOffset = 0;
    this.currentPendingBytes = 0;
    this.needed = FRAME_HEADER_BYTES;
    this.sizeAtLastRead = -1;
    this.rejectedSignature = false;
    this.scanner.reset();
  }

  private deliver(records: readonly OffsetRecord[]): void {
    try {
      this.options.onRecords(records);
    } catch (error) {
      // The consumer's bug must not stop the tailer; it is reported like a stream problem so it is not lost.
      this.report({ offset: records[0]?.offset ?? this.currentOffset, message: `onRecords handler threw: ${(error as Error).message}` });
    }
  }

  private report(error: StreamError): void {
    if (this.disposed) return;
    try {
      this.options.onError?.(error);
    } catch {
      // Nothing sensible is left to tell about an error handler that fails.
    }
  }
}

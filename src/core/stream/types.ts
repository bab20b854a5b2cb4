import type { StreamRecord } from '../../protocol/stream';

/** A problem found in the stream; `offset` is the byte offset in the file where it starts. */
export interface StreamError {
  readonly offset: number;
  readonly message: string;
}

/** A decoded record and the byte offset of its frame in the file. */
export interface OffsetRecord {
  readonly offset: number;
  readonly record: StreamRecord;
}

export interface StreamChunkResult {
  readonly records: readonly OffsetRecord[];
  readonly errors: readonly StreamError[];
  /** Offset just past the last complete frame consumed (or skipped); resume reading here. */
  readonly nextOffset: number;
  /** Bytes after nextOffset that form an incomplete frame. */
  readonly pendingBytes: number;
}

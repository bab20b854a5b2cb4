/**
 * What a list of runs shows of each stream — header, last iteration, how it ended — read
 * incrementally: each stream is scanned once, then only the bytes appended since, so refreshing
 * a tree of long runs does not re-read them. Does file I/O (like trainerPid.ts).
 */
import * as fs from 'node:fs';
import { FrameScanner } from '../stream/frame-scanner';
import { readStreamFd } from '../stream/reader';
import type { EndReason, HeaderRecord, StreamRecord } from '../../protocol/stream';

/** Read at most about this much per step, so a long stream never sits in memory whole. */
const STEP_BYTES = 8 * 1024 * 1024;

export interface RunProgress {
  /** The first header; undefined until the trainer wrote it. */
  readonly header: HeaderRecord | undefined;
  /** Iteration of the newest snapshot, event or end record; null before any. */
  readonly lastIteration: number | null;
  /** The last end record's reason, unless a later `resumed` event continued the run. */
  readonly endReason: EndReason | undefined;
  /** The first stream error (corruption), if any: the rest was still read. */
  readonly firstError: string | undefined;
}

interface Cached {
  offset: number;
  progress: RunProgress;
}

const EMPTY: RunProgress = { header: undefined, lastIteration: null, endReason: undefined, firstError: undefined };

function advance(progress: RunProgress, record: StreamRecord): RunProgress {
  switch (record.type) {
    case 'header':
      return progress.header ? progress : { ...progress, header: record };
    case 'snapshot':
      return { ...progress, lastIteration: record.iteration };
    case 'event':
      return { ...progress, lastIteration: record.iteration, endReason: record.kind === 'resumed' ? undefined : progress.endReason };
    case 'end':
      return { ...progress, lastIteration: record.iteration, endReason: record.reason };
  }
}

export class RunProgressReader {
  private readonly cache = new Map<string, Cached>();

  /** Throws a clear Error when the file cannot be opened or is not a genmon stream. */
  read(streamPath: string): RunProgress {
    const fd = fs.openSync(streamPath, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      let cached = this.cache.get(streamPath);
      // A shorter file was replaced or truncated: what was read of it no longer holds.
      if (!cached || size < cached.offset) cached = { offset: 0, progress: EMPTY };
      this.cache.set(streamPath, cached);
      for (;;) {
        const chunk = readStreamFd(fd, streamPath, cached.offset, new FrameScanner({ decode: true }), STEP_BYTES);
        cached.progress = chunk.records.reduce((progress, entry) => advance(progress, entry.record), cached.progress);
        const firstError = chunk.errors[0];
        if (firstError && !cached.progress.firstError) cached.progress = { ...cached.progress, firstError: `byte ${firstError.offset}: ${firstError.message}` };
        if (chunk.nextOffset <= cached.offset) break;
        cached.offset = chunk.nextOffset;
      }
      return cached.progress;
    } catch (error) {
      this.cache.delete(streamPath);
      throw error;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Drops what is remembered of streams not in `keep` (runs deleted since). */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const streamPath of this.cache.keys()) if (!keep.has(streamPath)) this.cache.delete(streamPath);
  }
}

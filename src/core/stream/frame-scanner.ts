/**
 * Finds frames in a window of bytes taken from a stream file, after the signature.
 * The window's end is treated as "no more data yet", never as corruption, so the same scanner serves a
 * one-shot reader and a tailer that sees the file grow. It keeps one piece of state between windows:
 * whether it is resynchronising after corruption, so one damaged region is reported once, not once per window.
 */
import { crc32 } from './crc32';
import { decodePayload } from './decode';
import { FRAME_HEADER_BYTES, FRAME_MAGIC, HEADER_CRC_COVERED_BYTES, MAX_PAYLOAD_BYTES, MIN_PAYLOAD_BYTES } from './format';
import type { OffsetRecord, StreamError } from './types';

export interface ScanResult {
  readonly records: readonly OffsetRecord[];
  readonly errors: readonly StreamError[];
  /** Bytes from the window's start that are done with: complete frames, skipped frames and skipped garbage. */
  readonly consumed: number;
  /** Bytes, counted from `consumed`, that must be available before the next frame can be judged. */
  readonly needed: number;
}

export interface FrameScannerOptions {
  /** false: check frames only, without decoding payloads (for a writer finding where to append). */
  readonly decode: boolean;
}

export class FrameScanner {
  private resynchronising = false;

  constructor(private readonly options: FrameScannerOptions = { decode: true }) {}

  /** Forget state from earlier windows, e.g. when the file was replaced. */
  reset(): void {
    this.resynchronising = false;
  }

  /** `windowOffset` is the file offset of window[0]; it only labels records and errors. */
  scan(window: Buffer, windowOffset: number): ScanResult {
    const records: OffsetRecord[] = [];
    const errors: StreamError[] = [];
    const corrupt = (position: number, message: string): number => {
      if (!this.resynchronising) errors.push({ offset: windowOffset + position, message: `${message}; skipping to the next frame` });
      this.resynchronising = true;
      return nextMagicCandidate(window, position + 1);
    };

    let position = 0;
    for (;;) {
      const available = window.length - position;
      if (!startsWithMagicPrefix(window, position)) {
        position = corrupt(position, 'no frame starts here (expected magic "GMRC")');
        continue;
      }
      if (available < FRAME_HEADER_BYTES) return { records, errors, consumed: position, needed: FRAME_HEADER_BYTES };

      const payloadLength = window.readUInt32LE(position + 4);
      const headerCrc = window.readUInt32LE(position + 8);
      if (crc32(window.subarray(position, position + HEADER_CRC_COVERED_BYTES)) !== headerCrc) {
        position = corrupt(position, 'frame header checksum mismatch (corrupted length?)');
        continue;
      }
      if (payloadLength < MIN_PAYLOAD_BYTES || payloadLength > MAX_PAYLOAD_BYTES) {
        position = corrupt(position, `frame payload length ${payloadLength} is outside ${MIN_PAYLOAD_BYTES}..${MAX_PAYLOAD_BYTES}`);
        continue;
      }
      this.resynchronising = false;

      const frameLength = FRAME_HEADER_BYTES + payloadLength;
      if (available < frameLength) return { records, errors, consumed: position, needed: frameLength };

      const frameOffset = windowOffset + position;
      const payload = window.subarray(position + FRAME_HEADER_BYTES, position + frameLength);
      position += frameLength;
      if (crc32(payload) !== window.readUInt32LE(position - frameLength + 12)) {
        errors.push({ offset: frameOffset, message: `frame payload checksum mismatch; skipped this ${frameLength}-byte frame` });
        continue;
      }
      if (!this.options.decode) continue;
      const outcome = decodePayload(payload);
      if (outcome.kind === 'record') records.push({ offset: frameOffset, record: outcome.record });
      else if (outcome.kind === 'invalid') errors.push({ offset: frameOffset, message: `invalid record skipped: ${outcome.message}` });
      // 'ignored' records (unknown types or values from a newer writer) are dropped silently, by design.
    }
  }
}

/**
 * True when the bytes from `position` to the end of the window (at most 4) match the magic's start.
 * At the very end of the window (no bytes) it is trivially true: more data may still come.
 */
function startsWithMagicPrefix(window: Buffer, position: number): boolean {
  const length = Math.min(FRAME_MAGIC.length, window.length - position);
  for (let i = 0; i < length; i++) {
    if (window[position + i] !== FRAME_MAGIC[i]) return false;
  }
  return true;
}

/** The next position at or after `from` where a frame could start: a full magic, or a magic prefix cut off by the window's end. */
function nextMagicCandidate(window: Buffer, from: number): number {
  const found = window.indexOf(FRAME_MAGIC, from);
  if (found >= 0) return found;
  for (let start = Math.max(from, window.length - FRAME_MAGIC.length + 1); start < window.length; start++) {
    if (startsWithMagicPrefix(window, start)) return start;
  }
  return window.length;
}

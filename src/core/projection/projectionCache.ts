import * as fs from 'node:fs';
import type { ProjectionFrame, ProjectionLayoutKind, ProjectionOptions, ProjectionQuality, ProjectionViewName } from '../../protocol/projection';
import { PROJECTION_VIEW_NAMES } from '../../protocol/projection';
import { crc32 } from '../stream/crc32';

/**
 * The projections of a run, cached beside its stream so a reopened run shows its maps at once.
 * File: the 8-byte signature, then records of
 *   u32 LE meta length · u32 LE data length · u32 LE CRC-32 of meta + data · meta (UTF-8 JSON) · data
 * The first record is the header `{ type: 'header', version, key }`; `key` names the engine version
 * and options, and a cache made with another key is ignored and rewritten. Then
 * `{ type: 'frame', view, iteration, layout, nReal, nGenerated }` with float32 LE coordinates as data,
 * and `{ type: 'quality', … }` (no data). Only refined frames are stored. Appends only: a crash leaves
 * at worst a torn last record, which is dropped on the next open.
 */
export const PROJECTION_CACHE_FILE = 'projections.gmp';
export const PROJECTION_CACHE_SIGNATURE = Buffer.from('GMPROJ1\n', 'latin1');
export const PROJECTION_CACHE_VERSION = 1;
/** Raised when the engine's output changes for the same options, so old caches are recomputed. */
export const PROJECTION_ENGINE_REVISION = 1;

const RECORD_HEADER_BYTES = 12;
const MAX_META_BYTES = 1 << 20;

export interface CachedProjection {
  readonly view: ProjectionViewName;
  readonly iteration: number;
  readonly layout: ProjectionLayoutKind;
  readonly nReal: number;
  readonly nGenerated: number;
  readonly coordinates: Float32Array;
  quality: ProjectionQuality | null;
}

export interface ProjectionCacheContents {
  /** Refined maps by view, in iteration order. */
  readonly entries: CachedProjection[];
  /** Bytes up to the end of the last good record: appends continue here. */
  readonly validBytes: number;
  /** Why reading stopped early (torn or corrupt record, other key), or null. */
  readonly problem: string | null;
  readonly keyMatches: boolean;
}

/** The cache key for a set of options: equal keys mean equal maps for equal snapshots. */
export function projectionCacheKey(options: ProjectionOptions): string {
  const ordered = Object.fromEntries(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({ revision: PROJECTION_ENGINE_REVISION, options: ordered });
}

/** Reads a cache file; a missing file is an empty cache. Never throws for bad contents. */
export function readProjectionCache(filePath: string, key: string): ProjectionCacheContents {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], validBytes: 0, problem: null, keyMatches: false };
    return { entries: [], validBytes: 0, problem: `cannot read ${filePath}: ${(error as Error).message}`, keyMatches: false };
  }
  return parseProjectionCache(bytes, key);
}

export function parseProjectionCache(bytes: Uint8Array, key: string): ProjectionCacheContents {
  const empty = (problem: string | null): ProjectionCacheContents => ({ entries: [], validBytes: 0, problem, keyMatches: false });
  if (bytes.length === 0) return empty(null);
  if (bytes.length < PROJECTION_CACHE_SIGNATURE.length || !PROJECTION_CACHE_SIGNATURE.equals(Buffer.from(bytes.subarray(0, PROJECTION_CACHE_SIGNATURE.length)))) {
    return empty('not a genmon projection cache (wrong signature)');
  }
  const entries: CachedProjection[] = [];
  let offset = PROJECTION_CACHE_SIGNATURE.length;
  let headerSeen = false;
  while (offset < bytes.length) {
    const record = readRecord(bytes, offset);
    if (typeof record === 'string') return headerSeen ? { entries, validBytes: offset, problem: record, keyMatches: true } : empty(record);
    const meta = record.meta;
    if (!headerSeen) {
      if (meta.type !== 'header' || meta.version !== PROJECTION_CACHE_VERSION) return empty('the cache has no valid header');
      if (meta.key !== key) return empty('the cache was made with other projection options');
      headerSeen = true;
    } else if (meta.type === 'frame') {
      const entry = frameEntry(meta, record.data);
      if (typeof entry === 'string') return { entries, validBytes: offset, problem: entry, keyMatches: true };
      entries.push(entry);
    } else if (meta.type === 'quality') {
      const target = findLast(entries, meta.view, meta.iteration);
      if (target && typeof meta.trustworthiness === 'number') target.quality = meta as unknown as ProjectionQuality;
    }
    offset = record.end;
  }
  return { entries, validBytes: offset, problem: headerSeen ? null : 'the cache has no header', keyMatches: headerSeen };
}

type Meta = Record<string, unknown>;

function readRecord(bytes: Uint8Array, offset: number): { meta: Meta; data: Uint8Array; end: number } | string {
  if (bytes.length - offset < RECORD_HEADER_BYTES) return `torn record at byte ${offset}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, RECORD_HEADER_BYTES);
  const metaLength = view.getUint32(0, true);
  const dataLength = view.getUint32(4, true);
  const checksum = view.getUint32(8, true);
  if (metaLength === 0 || metaLength > MAX_META_BYTES || dataLength % 4 !== 0) return `corrupt record header at byte ${offset}`;
  const end = offset + RECORD_HEADER_BYTES + metaLength + dataLength;
  if (end > bytes.length) return `torn record at byte ${offset}`;
  const body = bytes.subarray(offset + RECORD_HEADER_BYTES, end);
  if (crc32(body) !== checksum) return `checksum mismatch in the record at byte ${offset}`;
  let meta: unknown;
  try {
    meta = JSON.parse(Buffer.from(body.subarray(0, metaLength)).toString('utf8'));
  } catch {
    return `unreadable record at byte ${offset}`;
  }
  if (typeof meta !== 'object' || meta === null) return `unreadable record at byte ${offset}`;
  return { meta: meta as Meta, data: body.subarray(metaLength), end };
}

function frameEntry(meta: Meta, data: Uint8Array): CachedProjection | string {
  const { view, iteration, layout, nReal, nGenerated } = meta;
  const count = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (typeof view !== 'string' || !(PROJECTION_VIEW_NAMES as readonly string[]).includes(view)) return `cached frame for an unknown view ${JSON.stringify(view)}`;
  if (typeof iteration !== 'number' || typeof layout !== 'string' || !count(nReal) || !count(nGenerated)) return 'cached frame with malformed fields';
  if (data.length !== 8 * (nReal + nGenerated)) return `cached frame of ${view} at iteration ${iteration} has ${data.length / 8} points, expected ${nReal + nGenerated}`;
  // Copy: the record's bytes may not be 4-byte aligned in the file buffer.
  const coordinates = new Float32Array(nReal + nGenerated === 0 ? 0 : 2 * (nReal + nGenerated));
  new Uint8Array(coordinates.buffer).set(data);
  return { view: view as ProjectionViewName, iteration, layout: layout as ProjectionLayoutKind, nReal, nGenerated, coordinates, quality: null };
}

function findLast(entries: CachedProjection[], view: unknown, iteration: unknown): CachedProjection | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as CachedProjection;
    if (entry.view === view && entry.iteration === iteration) return entry;
  }
  return undefined;
}

function encodeRecord(meta: object, data?: Float32Array): Buffer {
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  const dataBytes = data ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.alloc(0);
  const body = Buffer.concat([metaBytes, dataBytes]);
  const header = Buffer.alloc(RECORD_HEADER_BYTES);
  header.writeUInt32LE(metaBytes.length, 0);
  header.writeUInt32LE(dataBytes.length, 4);
  header.writeUInt32LE(crc32(body), 8);
  return Buffer.concat([header, body]);
}

/**
 * Appends refined frames and their quality to a run's cache. Opening keeps the good records of a
 * cache made with the same key (cutting off a torn tail) and starts afresh otherwise.
 */
export class ProjectionCacheWriter {
  private fd: number | null;

  private constructor(fd: number) {
    this.fd = fd;
  }

  static open(filePath: string, key: string): { writer: ProjectionCacheWriter; contents: ProjectionCacheContents } {
    const contents = readProjectionCache(filePath, key);
    if (contents.keyMatches) {
      fs.truncateSync(filePath, contents.validBytes);
      return { writer: new ProjectionCacheWriter(fs.openSync(filePath, 'a')), contents };
    }
    const fd = fs.openSync(filePath, 'w');
    fs.writeSync(fd, Buffer.concat([PROJECTION_CACHE_SIGNATURE, encodeRecord({ type: 'header', version: PROJECTION_CACHE_VERSION, key })]));
    return { writer: new ProjectionCacheWriter(fd), contents: { ...contents, entries: [] } };
  }

  /** Stores refined frames and quality reports; first frames are transient and skipped. */
  append(event: ProjectionFrame | ProjectionQuality): void {
    if (this.fd === null) throw new Error('the projection cache is closed');
    if (event.kind === 'frame') {
      if (event.stage !== 'refined') return;
      const { view, iteration, layout, nReal, nGenerated } = event;
      fs.writeSync(this.fd, encodeRecord({ type: 'frame', view, iteration, layout, nReal, nGenerated }, event.coordinates));
    } else {
      fs.writeSync(this.fd, encodeRecord({ ...event, type: 'quality' }));
    }
  }

  close(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
  }
}

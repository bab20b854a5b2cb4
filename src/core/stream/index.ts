/** The snapshot stream: format (docs/stream-format.md), writer, one-shot reader and tailer. */
export { encodeFrame, encodeRecord, type BinaryPart } from './encode';
export { readStreamFile, READ_CHUNK_BYTES, type OffsetRecord, type StreamChunkResult, type StreamError } from './reader';
export { StreamTailer, type StreamTailerOptions } from './tailer';
export { StreamWriter } from './writer';

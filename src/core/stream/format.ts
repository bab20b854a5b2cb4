/**
 * Byte-level constants of snapshot stream v1. docs/stream-format.md is the normative description;
 * every number here appears there too, so keep them in step.
 */

/** First 8 bytes of every stream file. Modelled on PNG's: the high byte catches 7-bit transfers, CR LF / LF catch newline translation, 0x1A stops DOS `type`. */
export const FILE_SIGNATURE: Buffer = Buffer.from([0x89, 0x47, 0x4d, 0x53, 0x0d, 0x0a, 0x1a, 0x0a]);

/** First 4 bytes of every frame: ASCII "GMRC". Lets a reader find the next frame after corruption. */
export const FRAME_MAGIC: Buffer = Buffer.from('GMRC', 'latin1');

/** magic (4) | payloadLength u32 LE (4) | headerCrc u32 LE (4) | payloadCrc u32 LE (4). */
export const FRAME_HEADER_BYTES = 16;

/** The header CRC covers the magic and the payload length, so a corrupted length cannot make a reader wait forever. */
export const HEADER_CRC_COVERED_BYTES = 8;

/** A payload holds at least its u32 meta length. */
export const MIN_PAYLOAD_BYTES = 4;

/** Larger lengths are treated as corruption rather than as a frame still being written. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

/** Meta JSON, binary section and every array inside it start at multiples of this (relative to the payload start). */
export const ALIGNMENT = 4;

export function alignUp(value: number): number {
  return Math.ceil(value / ALIGNMENT) * ALIGNMENT;
}

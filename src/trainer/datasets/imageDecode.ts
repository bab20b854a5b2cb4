/** Decodes PNG and JPEG files to RGBA bytes with pure-JavaScript decoders (no native modules to ship). */
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes. */
  readonly data: Uint8Array;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/** Decodes by content, not by extension; `name` only labels errors. */
export function decodeImage(bytes: Buffer, name: string): RgbaImage {
  try {
    if (startsWith(bytes, PNG_MAGIC)) {
      const png = PNG.sync.read(bytes);
      return { width: png.width, height: png.height, data: png.data };
    }
    if (startsWith(bytes, JPEG_MAGIC)) {
      // The limits keep a hostile or huge file from exhausting memory.
      return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100, maxMemoryUsageInMB: 1024 });
    }
  } catch (error) {
    throw new Error(`cannot decode ${name}: ${(error as Error).message}`);
  }
  throw new Error(`cannot decode ${name}: not a PNG or JPEG file`);
}

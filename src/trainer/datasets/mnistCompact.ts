/**
 * Reads the compact MNIST file a packaged trainer ships beside its bundle instead of the `mnist`
 * package's 21 MB of JSON: gzip("GMNIST01", ten uint32 LE image counts for digits 0–9, then every
 * image as 784 uint8 pixels in digit order). scripts/lib/mnist-compact.mjs writes it at build time.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const MNIST_COMPACT_FILE = 'digits.bin.gz';
const MAGIC = 'GMNIST01';
const DIGIT_COUNT = 10;
const IMAGE_LENGTH = 28 * 28;

export interface MnistDigits {
  /** Images per digit, digit 0 first. */
  readonly counts: readonly number[];
  /** All images, digit by digit: [Σ counts, 28, 28] bytes. */
  readonly pixels: Uint8Array;
}

/** Throws an error naming the file and what is wrong with it. */
export function readMnistCompact(file: string): MnistDigits {
  let bytes: Buffer;
  try {
    bytes = gunzipSync(readFileSync(file));
  } catch (error) {
    throw new Error(`mnist: cannot read ${file}: ${(error as Error).message}`);
  }
  const headerLength = MAGIC.length + 4 * DIGIT_COUNT;
  if (bytes.length < headerLength || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error(`mnist: ${file} is not a compact MNIST file`);
  const counts = Array.from({ length: DIGIT_COUNT }, (_, digit) => bytes.readUInt32LE(MAGIC.length + 4 * digit));
  const images = counts.reduce((sum, count) => sum + count, 0);
  if (bytes.length !== headerLength + images * IMAGE_LENGTH) {
    throw new Error(`mnist: ${file} holds ${bytes.length - headerLength} pixel bytes, but its header counts ${images} images of 784`);
  }
  return { counts, pixels: new Uint8Array(bytes.buffer, bytes.byteOffset + headerLength, images * IMAGE_LENGTH) };
}

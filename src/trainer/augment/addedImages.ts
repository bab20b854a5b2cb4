/**
 * The images of an `add-images` augment: every PNG/JPEG directly in a folder, centre-cropped and
 * resized to the dataset's size as an image-folder dataset's are, labelled by the one CSV in the
 * folder (file,attribute,… with the dataset's attribute and value names) or, without one, all
 * with the group being augmented. Every problem is an AugmentError, raised before anything changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AttributeSpec } from '../datasets/dataset';
import { parseAttributeCsv } from '../datasets/attributeFiles';
import { decodeImage } from '../datasets/imageDecode';
import { listImages } from '../datasets/imageFolder';
import { resizeInto } from '../datasets/resize';
import type { AttributeGroup } from './attributeGroup';
import { AugmentError } from './augmentError';

/** Keeps one augment's memory bounded (100 000 images of 64×64×3 are 1.2 GB). */
export const MAX_ADDED_IMAGES = 100_000;
/** The CSV chosen when a folder holds several. */
export const ADDED_ATTRIBUTES_FILE = 'attributes.csv';
const LISTED = 5;

export interface AddedImages {
  readonly count: number;
  /** count × height × width × channels bytes. */
  readonly pixels: Uint8Array;
  /** count × attributes value indices. */
  readonly labels: Int32Array;
  /** The CSV's file name, or "the group". */
  readonly labelledBy: string;
  /** How many images had another size than the dataset's and were cropped and resized. */
  readonly resized: number;
}

export interface ImageTarget {
  readonly kind: 'points' | 'image';
  readonly shape: readonly number[];
  readonly attributes: readonly AttributeSpec[];
}

function fail(message: string): never {
  throw new AugmentError('invalid-request', `add-images: ${message}`);
}

function listed(names: readonly string[]): string {
  return names.slice(0, LISTED).join(', ') + (names.length > LISTED ? `, … (${names.length} in all)` : '');
}

export function loadAddedImages(folder: string, target: ImageTarget, group: AttributeGroup): AddedImages {
  const [height = 0, width = 0, channels = 0] = target.shape;
  if (target.kind !== 'image' || height !== width || (channels !== 1 && channels !== 3)) {
    fail(`the dataset's samples are ${target.kind === 'image' ? `images of shape [${target.shape.join(', ')}]` : '2-D points'}, not square grey or RGB images`);
  }
  let files: string[];
  try {
    files = listImages(folder);
  } catch (error) {
    return fail((error as Error).message.replace(/^image-folder: /, ''));
  }
  if (files.length > MAX_ADDED_IMAGES) fail(`${folder} holds ${files.length} images; one augment adds at most ${MAX_ADDED_IMAGES}`);
  const { labels, labelledBy } = labelsFor(folder, files, target.attributes, group);

  const size = height;
  const pixels = new Uint8Array(files.length * size * size * channels);
  let resized = 0;
  files.forEach((file, i) => {
    const full = path.join(folder, file);
    let image;
    try {
      image = decodeImage(readFileSync(full), full);
    } catch (error) {
      return fail(`cannot read ${full}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (image.width === 0 || image.height === 0) fail(`${full} is empty (0 pixels)`);
    if (image.width !== size || image.height !== size) resized++;
    resizeInto(image, size, channels as 1 | 3, pixels, i * size * size * channels);
  });
  return { count: files.length, pixels, labels, labelledBy, resized };
}

function labelsFor(folder: string, files: readonly string[], attributes: readonly AttributeSpec[], group: AttributeGroup): { labels: Int32Array; labelledBy: string } {
  const csvFiles = readdirSync(folder).filter((name) => path.extname(name).toLowerCase() === '.csv');
  const csv = csvFiles.length === 1 ? csvFiles[0] : csvFiles.find((name) => name === ADDED_ATTRIBUTES_FILE);
  if (csvFiles.length > 1 && csv === undefined) fail(`${folder} holds several CSV files (${listed(csvFiles)}); name the one with the labels ${ADDED_ATTRIBUTES_FILE}`);
  const labels = new Int32Array(files.length * attributes.length);
  const groupValue = new Map(group.terms.map(({ attribute, value }) => [attribute, value]));

  if (csv === undefined) {
    const missing = attributes.filter((_, a) => !groupValue.has(a)).map((spec) => spec.name);
    if (missing.length > 0) fail(`${folder} has no attribute CSV, so every image takes the group's values, but the group does not give ${missing.join(', ')}`);
    files.forEach((_, i) => groupValue.forEach((value, attribute) => (labels[i * attributes.length + attribute] = value)));
    return { labels, labelledBy: 'the group' };
  }

  const file = path.join(folder, csv);
  let table;
  try {
    table = parseAttributeCsv(readFileSync(file, 'utf8'), file);
  } catch (error) {
    return fail((error as Error).message);
  }
  // The CSV's own value order is its own: map its columns and value names onto the dataset's.
  const columns = table.attributes.map((column) => {
    const attribute = attributes.findIndex((spec) => spec.name === column.name);
    if (attribute < 0) fail(`${file}: column "${column.name}" is not an attribute of the dataset (${attributes.map((spec) => spec.name).join(', ')})`);
    const spec = attributes[attribute] as AttributeSpec;
    const values = column.values.map((name) => {
      const index = spec.values.indexOf(name);
      if (index < 0) fail(`${file}: "${column.name}" has the value "${name}", which the dataset does not have (${spec.values.join(', ')})`);
      return index;
    });
    return { attribute, values };
  });
  const uncovered = attributes.filter((_, a) => !columns.some((column) => column.attribute === a) && !groupValue.has(a)).map((spec) => spec.name);
  if (uncovered.length > 0) fail(`${file} has no column for ${uncovered.join(', ')}, and the group does not give it`);
  const unlisted = files.filter((name) => !table.rows.has(name));
  if (unlisted.length > 0) fail(`${file} has no row for ${unlisted.length} image(s): ${listed(unlisted)}`);
  files.forEach((name, i) => {
    const row = table.rows.get(name) as readonly number[];
    groupValue.forEach((value, attribute) => (labels[i * attributes.length + attribute] = value));
    columns.forEach(({ attribute, values }, c) => (labels[i * attributes.length + attribute] = values[row[c] as number] as number));
  });
  return { labels, labelledBy: csv };
}

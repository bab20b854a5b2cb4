import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { parseAttributeCsv, parseCsv, parseListAttr } from '../../src/trainer/datasets/attributeFiles';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { imageFolderSpec } from '../../src/trainer/datasets/defaults';
import { loadImageFolder } from '../../src/trainer/datasets/imageFolder';

const root = mkdtempSync(path.join(tmpdir(), 'genmon-images-'));
after(() => rmSync(root, { recursive: true, force: true }));

type Rgba = [number, number, number, number];

/** A width × height image whose left half is `left` and right half `right`. */
function halves(width: number, height: number, left: Rgba, right: Rgba): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) Buffer.from(x < width / 2 ? left : right).copy(data, (y * width + x) * 4);
  return data;
}

function writePng(file: string, width: number, height: number, left: Rgba, right: Rgba): void {
  const png = new PNG({ width, height });
  halves(width, height, left, right).copy(png.data);
  writeFileSync(file, PNG.sync.write(png));
}

function writeJpeg(file: string, width: number, height: number, left: Rgba, right: Rgba): void {
  writeFileSync(file, jpeg.encode({ width, height, data: halves(width, height, left, right) }, 95).data);
}

/** A folder with two PNGs and two JPEGs of different sizes and aspect ratios, plus a file that is not an image. */
function makeFolder(name: string): string {
  const folder = path.join(root, name);
  mkdirSync(folder);
  writePng(path.join(folder, 'a.png'), 40, 40, [255, 0, 0, 255], [0, 0, 255, 255]);
  writePng(path.join(folder, 'b.png'), 16, 16, [0, 255, 0, 255], [0, 255, 0, 0]);
  writeJpeg(path.join(folder, 'c.jpg'), 60, 30, [0, 0, 0, 255], [255, 255, 255, 255]);
  writeJpeg(path.join(folder, 'd.JPEG'), 20, 20, [128, 128, 128, 255], [128, 128, 128, 255]);
  writeFileSync(path.join(folder, 'notes.txt'), 'not an image');
  return folder;
}

const folder = makeFolder('images');

function pixel(data: Float32Array, index: number, size: number, channels: number, x: number, y: number): number[] {
  const start = (index * size * size + y * size + x) * channels;
  return Array.from(data.subarray(start, start + channels));
}

test('PNGs and JPEGs are centre-cropped, resized and kept in name order, transparency over white', () => {
  const store = loadImageFolder(imageFolderSpec(folder, { size: 8 }));
  assert.equal(store.count, 4);
  assert.deepEqual(store.shape, [8, 8, 3]);
  const data = Float32Array.from(store.pixels, (v) => v / 255);
  const close = (actual: number[], expected: number[], tolerance: number, what: string): void =>
    actual.forEach((v, c) => assert.ok(Math.abs(v - expected[c]!) <= tolerance, `${what}: ${actual} vs ${expected}`));
  close(pixel(data, 0, 8, 3, 1, 4), [1, 0, 0], 1e-9, 'a.png left is red');
  close(pixel(data, 0, 8, 3, 6, 4), [0, 0, 1], 1e-9, 'a.png right is blue');
  close(pixel(data, 1, 8, 3, 6, 4), [1, 1, 1], 1e-9, 'b.png transparent right half is white');
  // c.jpg is 60×30: the centre 30×30 crop spans x 15…45, which is half black, half white, split in the middle.
  close(pixel(data, 2, 8, 3, 1, 4), [0, 0, 0], 0.05, 'c.jpg crop left');
  close(pixel(data, 2, 8, 3, 6, 4), [1, 1, 1], 0.05, 'c.jpg crop right');
  close(pixel(data, 3, 8, 3, 3, 3), [128 / 255, 128 / 255, 128 / 255], 0.03, 'd.JPEG grey');

  const grey = loadImageFolder(imageFolderSpec(folder, { size: 8, channels: 1 }));
  assert.deepEqual(grey.shape, [8, 8, 1]);
  assert.ok(Math.abs((grey.pixels[0] as number) - Math.round(0.299 * 255)) <= 1, 'red becomes its luma');
  assert.equal(loadImageFolder(imageFolderSpec(folder, { size: 8, maxImages: 2 })).count, 2);
});

test('attributes come from a CSV; relative paths resolve against the base directory', () => {
  writeFileSync(path.join(root, 'attrs.csv'), 'file,hair,age\r\nd.JPEG,grey,30\na.png,blond,7\n"b.png","dark, curly",30\nc.jpg,grey,100\nunused.png,red,1\n');
  const dataset = createDataset(imageFolderSpec('images', { size: 8, attributes: { csv: 'attrs.csv' }, heldOut: 0 }), 1, { baseDirectory: root });
  assert.deepEqual(dataset.attributes, [
    { name: 'hair', values: ['blond', 'dark, curly', 'grey', 'red'] },
    { name: 'age', values: ['1', '7', '30', '100'] },
  ]);
  const all = dataset.reference(4);
  // Identify each image by its top-left pixel, then check its labels.
  const byCorner = new Map<string, number[]>();
  for (let i = 0; i < 4; i++) byCorner.set(pixel(all.data, i, 8, 3, 0, 0).map((v) => v.toFixed(1)).join(), Array.from(all.labels.subarray(2 * i, 2 * i + 2)));
  assert.deepEqual(byCorner.get('1.0,0.0,0.0'), [0, 1], 'a.png: blond, 7');
  assert.deepEqual(byCorner.get('0.0,1.0,0.0'), [1, 2], 'b.png: dark, curly, 30');
  assert.deepEqual(byCorner.get('0.0,0.0,0.0'), [2, 3], 'c.jpg: grey, 100');
});

test('attributes come from a CelebA list_attr file, and the split holds out the configured share', () => {
  const listAttr = ['4', 'Gray_Hair Male', 'a.png  1 -1', 'b.png -1  1', 'c.jpg  1  1', 'd.JPEG -1 -1', ''].join('\n');
  writeFileSync(path.join(root, 'list_attr.txt'), listAttr);
  const dataset = createDataset(imageFolderSpec(folder, { size: 8, attributes: { listAttr: path.join(root, 'list_attr.txt') }, heldOut: 0.25 }), 3);
  assert.deepEqual(dataset.attributes, [
    { name: 'Gray_Hair', values: ['no', 'yes'] },
    { name: 'Male', values: ['no', 'yes'] },
  ]);
  assert.equal(dataset.trainSize, 3);
  assert.equal(dataset.heldOutSize, 1);
  const labels = [...Array.from(dataset.reference(3).labels), ...Array.from(dataset.heldOut(1).labels)];
  const pairs = [0, 1, 2, 3].map((i) => `${labels[2 * i]}${labels[2 * i + 1]}`).sort();
  assert.deepEqual(pairs, ['00', '01', '10', '11']);
});

test('clear errors: missing folder or file, an unreadable image, an image without attributes', () => {
  assert.throws(() => loadImageFolder(imageFolderSpec(path.join(root, 'nowhere'))), /cannot read the image folder .*nowhere: ENOENT/);
  assert.throws(() => loadImageFolder(imageFolderSpec(folder, { attributes: { csv: path.join(root, 'missing.csv') } })), /cannot read the attribute CSV .*missing\.csv: ENOENT/);
  writeFileSync(path.join(root, 'partial.csv'), 'file,hair\na.png,grey\nc.jpg,blond\n');
  assert.throws(() => loadImageFolder(imageFolderSpec(folder, { attributes: { csv: path.join(root, 'partial.csv') } })), /no attributes for 2 image\(s\) in .*: b\.png, d\.JPEG/);

  const broken = makeFolder('broken');
  writeFileSync(path.join(broken, 'e.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  assert.throws(() => loadImageFolder(imageFolderSpec(broken)), /image-folder: cannot decode .*e\.png/);
  writeFileSync(path.join(broken, 'e.png'), 'hello');
  assert.throws(() => loadImageFolder(imageFolderSpec(broken)), /cannot decode .*e\.png: not a PNG or JPEG file/);

  const empty = path.join(root, 'empty');
  mkdirSync(empty);
  assert.throws(() => loadImageFolder(imageFolderSpec(empty)), /no \.png, \.jpg or \.jpeg files/);
  assert.throws(() => createDataset(imageFolderSpec(folder, { heldOut: 0.95 }), 1), /heldOut must be from 0 to 0.9/);
});

test('malformed attribute files are refused with the line at fault', () => {
  assert.throws(() => parseAttributeCsv('file\na.png\n', 'x.csv'), /x\.csv: expected a header row/);
  assert.throws(() => parseAttributeCsv('file,hair\na.png,grey,extra\n', 'x.csv'), /x\.csv:2: expected 2 fields, found 3/);
  assert.throws(() => parseAttributeCsv('file,hair\na.png,grey\na.png,blond\n', 'x.csv'), /x\.csv:3: 'a\.png' is listed twice/);
  assert.throws(() => parseCsv('file,hair\n"a.png,grey\n', 'x.csv'), /quoted field opened on line 2 is never closed/);
  assert.deepEqual(parseCsv('a,"b ""quoted""\nline",c\n\nd,e,f', 'x.csv'), [
    { line: 1, fields: ['a', 'b "quoted"\nline', 'c'] },
    { line: 4, fields: ['d', 'e', 'f'] },
  ]);
  assert.throws(() => parseListAttr('two\nA B\n', 'l.txt'), /l\.txt:1: expected the number of images/);
  assert.throws(() => parseListAttr('1\nA B\na.png 1\n', 'l.txt'), /l\.txt:3: expected 2 values after the file name, found 1/);
  assert.throws(() => parseListAttr('1\nA\na.png 2\n', 'l.txt'), /l\.txt:3: A is '2', expected 1 or -1/);
  assert.throws(() => parseListAttr('3\nA\na.png 1\nb.png -1\n', 'l.txt'), /declares 3 images but 2 are listed/);
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { PNG } from 'pngjs';
import { applyAugment, type AugmentOutcome } from '../../src/trainer/augment/applyAugment';
import { AugmentError } from '../../src/trainer/augment/augmentError';
import { AugmentedDataset } from '../../src/trainer/augment/augmentedDataset';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import type { LabelledBatch } from '../../src/trainer/datasets/dataset';
import { gaussianMixtureSpec, spritesSpec } from '../../src/trainer/datasets/defaults';
import { FiniteDataset } from '../../src/trainer/datasets/finiteDataset';

const root = mkdtempSync(path.join(tmpdir(), 'genmon-augment-images-'));
after(() => rmSync(root, { recursive: true, force: true }));

const SEED = 5;
const RED: [number, number, number] = [255, 0, 0];
const GREEN: [number, number, number] = [0, 255, 0];

function writePng(file: string, side: number, [r, g, b]: [number, number, number]): void {
  const png = new PNG({ width: side, height: side });
  for (let i = 0; i < side * side; i++) png.data.set([r, g, b, 255], i * 4);
  writeFileSync(file, PNG.sync.write(png));
}

function folderOf(name: string, images: number, side: number, color: [number, number, number], csv?: string): string {
  const folder = path.join(root, name);
  mkdirSync(folder);
  for (let i = 0; i < images; i++) writePng(path.join(folder, `img${String(i).padStart(2, '0')}.png`), side, color);
  if (csv !== undefined) writeFileSync(path.join(folder, 'attributes.csv'), csv);
  return folder;
}

/** 20 black 8×8 squares, all square-blue: circle-red has no stored rows. */
function blackSquares(): AugmentedDataset {
  const count = 20;
  const labels = new Int32Array(count * 2);
  for (let i = 0; i < count; i++) labels.set([1, 1], i * 2);
  const store = {
    type: 'image-folder' as const,
    shape: [8, 8, 3],
    attributes: [
      { name: 'shape', values: ['circle', 'square'] },
      { name: 'color', values: ['red', 'blue'] },
    ],
    count,
    pixels: new Uint8Array(count * 8 * 8 * 3),
    labels,
  };
  return new AugmentedDataset(new FiniteDataset(store, SEED, 0), SEED);
}

function addImages(dataset: AugmentedDataset, folder: string, group: Record<string, string>): AugmentOutcome {
  return applyAugment({ method: 'add-images', group, folder }, { dataset, iteration: 7, baseDirectory: root });
}

/** Rows whose first pixel is pure red. */
function redRows(batch: LabelledBatch): number[] {
  const length = batch.data.length / batch.count;
  return Array.from({ length: batch.count }, (_, i) => i).filter((i) => batch.data[i * length] === 1 && batch.data[i * length + 1] === 0);
}

test('add-images without a CSV labels every image with the group and adds it to the stored rows', () => {
  const dataset = blackSquares();
  const folder = folderOf('plain', 20, 8, RED);
  const outcome = addImages(dataset, 'plain', { shape: 'circle', color: 'red' });
  assert.equal(outcome.samples, 20);
  assert.equal(outcome.note, `added 20 images from ${folder} (labels: the group): shape=circle+color=red now 50.0% of training draws (was 0.0%)`);
  assert.deepEqual(outcome.details, { method: 'add-images', group: { shape: 'circle', color: 'red' }, iteration: 7, folder, added: 20, labelledBy: 'the group', resized: 0, shareBefore: 0, shareAfter: 0.5 });

  const batch = dataset.sample(4000);
  const red = redRows(batch);
  assert.ok(Math.abs(red.length / 4000 - 0.5) < 0.03, `${red.length} red rows`);
  // Every added row carries the group's labels, every stored row its own.
  for (let i = 0; i < batch.count; i++) assert.deepEqual([...batch.labels.subarray(i * 2, i * 2 + 2)], red.includes(i) ? [0, 0] : [1, 1]);
});

test('a CSV in the folder labels the images, its value names mapped onto the dataset’s; other sizes are resized', () => {
  const dataset = blackSquares();
  // The CSV orders colours blue, red (alphabetically); the dataset orders them red, blue.
  folderOf('labelled', 3, 16, GREEN, 'file,color,shape\nimg00.png,red,circle\nimg01.png,blue,circle\nimg02.png,red,square\n');
  const outcome = addImages(dataset, 'labelled', { shape: 'circle' });
  assert.match(outcome.note, /^added 3 images from .*labelled \(labels: attributes\.csv; 3 cropped and resized to 8×8\): shape=circle now 8\.7% of training draws \(was 0\.0%\)$/);
  const added = dataset.applied[0];
  assert.ok(added && added.method === 'add-images');
  assert.deepEqual([...added.labels], [0, 0, 0, 1, 1, 0]);
  assert.deepEqual([...added.pixels.subarray(0, 3)], GREEN);
});

test('on a generated dataset added images are mixed in at their share of a 10 000-sample pool', () => {
  const dataset = new AugmentedDataset(createDataset(spritesSpec({ size: 8, joint: { circle: { red: 1, blue: 1 }, square: { red: 1, blue: 1 } } }), SEED), SEED);
  folderOf('sprites', 50, 8, RED);
  const outcome = addImages(dataset, 'sprites', { shape: 'square', color: 'red' });
  assert.match(outcome.note, /added 50 images .*: shape=square\+color=red now 25\.\d% of training draws \(was 25\.\d%\)/);
  const red = redRows(dataset.sample(20000)).length;
  // 50 / 10 050 of the draws: about 100.
  assert.ok(red > 70 && red < 130, `${red} added images drawn`);
});

test('a missing folder, no images, a bad CSV, a group that cannot label, or a points dataset: an error, nothing changed', () => {
  folderOf('empty', 0, 8, RED);
  writeFileSync(path.join(root, 'empty', 'notes.txt'), 'no images here');
  folderOf('unknown-value', 2, 8, RED, 'file,color\nimg00.png,green\nimg01.png,red\n');
  folderOf('unlisted', 2, 8, RED, 'file,color\nimg00.png,red\n');
  folderOf('unknown-column', 1, 8, RED, 'file,hue\nimg00.png,red\n');
  folderOf('partial-group', 1, 8, RED);
  const cases: [string, Record<string, string>, RegExp][] = [
    ['missing', { shape: 'circle', color: 'red' }, /add-images: cannot read the image folder .*missing: ENOENT/],
    ['empty', { shape: 'circle', color: 'red' }, /add-images: no \.png, \.jpg or \.jpeg files in .*empty/],
    ['unknown-value', { shape: 'circle' }, /"color" has the value "green", which the dataset does not have \(red, blue\)/],
    ['unlisted', { shape: 'circle' }, /has no row for 1 image\(s\): img01\.png/],
    ['unknown-column', { shape: 'circle' }, /column "hue" is not an attribute of the dataset \(shape, color\)/],
    ['partial-group', { shape: 'circle' }, /has no attribute CSV, so every image takes the group's values, but the group does not give color/],
  ];
  const pristine = blackSquares();
  const dataset = blackSquares();
  for (const [folder, group, message] of cases) {
    assert.throws(
      () => addImages(dataset, folder, group),
      (error: unknown) => error instanceof AugmentError && error.code === 'invalid-request' && message.test(error.message),
      folder,
    );
  }
  assert.equal(dataset.applied.length, 0);
  assert.deepEqual(dataset.sample(30), pristine.sample(30));

  const points = new AugmentedDataset(createDataset(gaussianMixtureSpec(), SEED), SEED);
  assert.throws(() => addImages(points, 'plain', { mode: '0' }), /add-images: the dataset's samples are 2-D points, not square grey or RGB images/);
  assert.equal(points.applied.length, 0);
});

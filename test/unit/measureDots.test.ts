import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectedComponents } from '../../src/core/measure/components';
import { measureDots } from '../../src/core/measure/dots';
import { backgroundColor } from '../../src/core/measure/image';

const SIZE = 32;
const shape = { height: SIZE, width: SIZE, channels: 3 };

function canvas(background: readonly number[] = [1, 1, 1]): Float32Array {
  const image = new Float32Array(SIZE * SIZE * 3);
  for (let p = 0; p < SIZE * SIZE; p++) image.set(background, p * 3);
  return image;
}

/** A hard-edged disc, radius in pixels. */
function disc(image: Float32Array, cx: number, cy: number, radius: number, color: readonly number[]): void {
  for (let row = 0; row < SIZE; row++) {
    for (let col = 0; col < SIZE; col++) if ((col + 0.5 - cx) ** 2 + (row + 0.5 - cy) ** 2 <= radius ** 2) image.set(color, (row * SIZE + col) * 3);
  }
}

const dotRadius = 0.08;
const r = dotRadius * SIZE;

test('a blank image has no dots and no mean colour', () => {
  const measured = measureDots(canvas(), shape, { dotRadius });
  assert.equal(measured.numerosity, 0);
  assert.equal(measured.components, 0);
  assert.ok(measured.meanColor.every(Number.isNaN));
});

test('separate dots are counted one each, and their mean colour is the pixel-weighted mean', () => {
  const image = canvas();
  disc(image, 6, 6, r, [0.2, 0.4, 0.6]);
  disc(image, 20, 8, r, [0.2, 0.4, 0.6]);
  disc(image, 12, 24, r, [0.2, 0.4, 0.6]);
  const measured = measureDots(image, shape, { dotRadius });
  assert.equal(measured.numerosity, 3);
  assert.equal(measured.components, 3);
  measured.meanColor.forEach((v, c) => assert.ok(Math.abs(v - [0.2, 0.4, 0.6][c]!) < 1e-6));
});

test('touching dots form one component but are counted by area', () => {
  const image = canvas();
  disc(image, 10, 10, r, [0, 0, 0]);
  disc(image, 10 + 2 * r, 10, r, [0.5, 0.5, 0.5]);
  disc(image, 10 + 4 * r, 10, r, [0.3, 0.1, 0.1]);
  const measured = measureDots(image, shape, { dotRadius });
  assert.equal(measured.components, 1);
  assert.equal(measured.numerosity, 3);
});

test('specks smaller than a fraction of a dot are ignored, and faint ink below the threshold is background', () => {
  const image = canvas();
  disc(image, 16, 16, r, [0.1, 0.1, 0.1]);
  image.set([0, 0, 0], (2 * SIZE + 2) * 3);
  disc(image, 5, 26, r, [0.92, 0.92, 0.92]);
  assert.equal(measureDots(image, shape, { dotRadius }).numerosity, 1);
  assert.equal(measureDots(image, shape, { dotRadius, threshold: 0.05 }).numerosity, 2, 'a lower threshold sees the faint dot');
});

test('dots are measured against the image background, so a tinted generated background still works', () => {
  const image = canvas([0.8, 0.85, 0.9]);
  disc(image, 8, 8, r, [0.1, 0.5, 0.2]);
  disc(image, 24, 22, r, [0.4, 0.1, 0.1]);
  assert.equal(measureDots(image, shape, { dotRadius }).numerosity, 2);
  const background = backgroundColor(image, shape);
  [0.8, 0.85, 0.9].forEach((v, c) => assert.ok(Math.abs((background[c] as number) - v) < 1 / 256));
});

test('4-connected components: diagonal neighbours are separate, areas add up', () => {
  // 1 1 0 0
  // 0 0 1 0
  // 0 0 1 1
  const mask = Uint8Array.from([1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1]);
  const { count, areas, labels } = connectedComponents(mask, 3, 4);
  assert.equal(count, 2);
  assert.deepEqual(areas, [2, 3]);
  assert.equal(labels[0], labels[1]);
  assert.notEqual(labels[1], labels[6]);
  assert.throws(() => connectedComponents(mask, 4, 4), /mask has 12 pixels, expected 4×4/);
});

test('an image of the wrong length or a bad radius is refused', () => {
  assert.throws(() => measureDots(new Float32Array(10), shape, { dotRadius }), /image has 10 values, expected 32×32×3 = 3072/);
  assert.throws(() => measureDots(canvas(), shape, { dotRadius: 0 }), /dotRadius must be positive/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shrinkImages, thumbnails } from '../../src/trainer/snapshot/shrinkImages';

/** Image n, pixel (y, x), channel c of a batch built from a function. */
function batch(count: number, side: number, channels: number, value: (n: number, y: number, x: number, c: number) => number): Float32Array {
  const data = new Float32Array(count * side * side * channels);
  for (let n = 0; n < count; n++) {
    for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) for (let c = 0; c < channels; c++) data[((n * side + y) * side + x) * channels + c] = value(n, y, x, c);
  }
  return data;
}

test('shrinking by a whole factor averages each block, per image and channel', () => {
  const data = batch(2, 4, 2, (n, y, x, c) => n * 100 + c * 10 + y * 4 + x);
  const small = shrinkImages({ data, count: 2, side: 4, channels: 2 }, 2);
  assert.equal(small.side, 2);
  // Block (0, 0) of image 1, channel 1: 100 + 10 + mean(0, 1, 4, 5).
  assert.ok(Math.abs((small.data[((1 * 2 + 0) * 2 + 0) * 2 + 1] ?? 0) - 112.5) < 1e-4);
  assert.ok(Math.abs((small.data[((0 * 2 + 1) * 2 + 1) * 2 + 0] ?? 0) - 12.5) < 1e-4, 'block (1, 1): mean(10, 11, 14, 15)');
});

test('shrinking by any ratio keeps the mean and constant images (28 → 14, 28 → 16, 32 → 10)', () => {
  for (const [side, target] of [[28, 14], [28, 16], [32, 10]] as const) {
    const data = batch(1, side, 1, (_n, y, x) => ((x * 7 + y * 3) % 11) / 10);
    const small = shrinkImages({ data, count: 1, side, channels: 1 }, target);
    assert.equal(small.data.length, target * target);
    const mean = (values: Float32Array) => values.reduce((a, b) => a + b, 0) / values.length;
    assert.ok(Math.abs(mean(small.data) - mean(data)) < 1e-5, `${side} → ${target}: mean kept`);
    const flat = shrinkImages({ data: new Float32Array(side * side).fill(0.25), count: 1, side, channels: 1 }, target);
    assert.ok(flat.data.every((v) => Math.abs(v - 0.25) < 1e-6));
  }
  const data = new Float32Array(16 * 3);
  assert.equal(shrinkImages({ data, count: 1, side: 4, channels: 3 }, 8).data, data, 'no larger: unchanged, not copied');
});

test('thumbnails are the first images as clamped 8-bit pixels', () => {
  const data = batch(3, 2, 1, (n, y, x) => [0, 1, 0.5, 2][y * 2 + x] ?? n);
  const thumbs = thumbnails({ data, count: 3, side: 2, channels: 1 }, 2, 32);
  assert.deepEqual(thumbs.shape, [2, 2, 2, 1]);
  assert.deepEqual(Array.from(thumbs.data.subarray(0, 4)), [0, 255, 128, 255]);
  assert.deepEqual(thumbnails({ data, count: 3, side: 2, channels: 1 }, 10, 1).shape, [3, 1, 1, 1]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addNoise, forEachPixelInDisc } from '../../src/trainer/datasets/raster';
import { resizeInto } from '../../src/trainer/datasets/resize';
import { sampleRandom } from '../../src/trainer/datasets/sampleRandom';

test('pixel noise is Gaussian with the configured sigma, reproducible, and clipped to [0, 1]', () => {
  const image = new Float32Array(200001).fill(0.5);
  addNoise(image, 0.1, sampleRandom(1, 'noise', 0));
  const n = image.length;
  const mean = image.reduce((s, v) => s + v, 0) / n;
  const variance = image.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const kurtosis = image.reduce((s, v) => s + (v - mean) ** 4, 0) / n / variance ** 2;
  assert.ok(Math.abs(mean - 0.5) < 0.002, `mean ${mean}`);
  assert.ok(Math.abs(Math.sqrt(variance) - 0.1) < 0.002, `sigma ${Math.sqrt(variance)}`);
  assert.ok(Math.abs(kurtosis - 3) < 0.1, `kurtosis ${kurtosis} (3 for a Gaussian)`);
  const again = new Float32Array(200001).fill(0.5);
  addNoise(again, 0.1, sampleRandom(1, 'noise', 0));
  assert.deepEqual(again, image);

  const white = new Float32Array(1000).fill(1);
  addNoise(white, 0.3, sampleRandom(2, 'noise', 0));
  assert.ok(white.every((v) => v >= 0 && v <= 1));
  assert.ok(white.some((v) => v < 1));
});

test('a disc covers the pixels whose centres lie inside it, about π r² of them', () => {
  const covered = new Set<number>();
  forEachPixelInDisc(32, 16, 16, 5.3, (pixel) => covered.add(pixel));
  assert.ok(Math.abs(covered.size - Math.PI * 5.3 ** 2) < 8, `${covered.size} pixels`);
  assert.ok(covered.has(16 * 32 + 16) && !covered.has(0));
  const clipped = new Set<number>();
  forEachPixelInDisc(8, 0, 0, 3, (pixel) => clipped.add(pixel));
  assert.ok([...clipped].every((p) => p >= 0 && p < 64), 'discs at the border stay inside the image');
});

test('area resampling averages the source pixels each output pixel covers', () => {
  // 4×2 RGBA: a 2×2 centre crop (columns 1 and 2), then down to 1×1 and up to 4×4.
  const data = new Uint8Array(4 * 2 * 4);
  const colors = [0, 100, 200, 255];
  for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) data.set([colors[x]!, colors[x]!, colors[x]!, 255], (y * 4 + x) * 4);
  const one = new Uint8Array(3);
  resizeInto({ width: 4, height: 2, data }, 1, 3, one, 0);
  assert.deepEqual(Array.from(one), [150, 150, 150]);
  const up = new Uint8Array(4 * 4);
  resizeInto({ width: 4, height: 2, data }, 4, 1, up, 0);
  assert.deepEqual(Array.from(up.subarray(0, 4)), [100, 100, 200, 200]);
});

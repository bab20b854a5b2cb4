import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { mnistSpec } from '../../src/trainer/datasets/defaults';
import type { FiniteDataset } from '../../src/trainer/datasets/finiteDataset';
import { loadMnist } from '../../src/trainer/datasets/mnist';
import { MNIST_COMPACT_FILE, readMnistCompact } from '../../src/trainer/datasets/mnistCompact';

const full = createDataset(mnistSpec(), 1) as FiniteDataset;

test('the package ships 10 000 28×28 grey digits with labels 0–9', () => {
  assert.deepEqual(full.shape, [28, 28, 1]);
  assert.deepEqual(full.attributes, [{ name: 'digit', values: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] }]);
  assert.equal(full.trainSize + full.heldOutSize, 10000);
  const batch = full.heldOut(1000);
  const seen = new Set(batch.labels);
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.ok(batch.data.every((v) => v >= 0 && v <= 1));
  // White strokes on black: most pixels are background, and every image has some ink.
  for (let i = 0; i < batch.count; i++) {
    const image = batch.data.subarray(i * 784, (i + 1) * 784);
    const ink = image.filter((v) => v > 0.5).length;
    assert.ok(ink > 10 && ink < 400, `image ${i} has ${ink} bright pixels`);
  }
});

test('the held-out split is the configured fraction and disjoint from training', () => {
  assert.equal(full.heldOutSize, 1000);
  assert.equal(full.trainSize, 9000);
  const { train, heldOut } = full.splitIndices();
  const trainSet = new Set(train);
  assert.equal(trainSet.size, 9000);
  assert.ok(heldOut.every((index) => !trainSet.has(index)));
  assert.equal(full.heldOut(5000).count, 1000, 'asking for more returns the whole split');
});

test('a digit subset keeps only those digits', () => {
  const subset = createDataset(mnistSpec({ digits: [7, 3], heldOut: 0.2 }), 1);
  const labels = subset.sample(500).labels;
  assert.deepEqual([...new Set(labels)].sort(), [3, 7]);
  assert.ok(subset.heldOut(100).labels.every((l) => l === 3 || l === 7));
});

test('the seeded shuffle is deterministic, visits every training image once per epoch, and differs per epoch', () => {
  const a = createDataset(mnistSpec({ digits: [1] }), 4) as FiniteDataset;
  const b = createDataset(mnistSpec({ digits: [1] }), 4) as FiniteDataset;
  const n = a.trainSize;
  const epochA = a.sample(n);
  assert.deepEqual(b.sample(n).data, epochA.data);
  const images = new Set<string>();
  for (let i = 0; i < n; i++) images.add(epochA.data.subarray(i * 784, (i + 1) * 784).join(','));
  const distinctTrain = new Set<string>();
  const everything = a.reference(n);
  for (let i = 0; i < n; i++) distinctTrain.add(everything.data.subarray(i * 784, (i + 1) * 784).join(','));
  assert.equal(images.size, distinctTrain.size, 'one epoch holds each training image once');
  assert.notDeepEqual(a.sample(n).data, epochA.data, 'the next epoch is in another order');
  const other = createDataset(mnistSpec({ digits: [1] }), 5);
  assert.notDeepEqual(other.sample(50).data, epochA.data.subarray(0, 50 * 784));
});

test('the sampler position round-trips through JSON, across an epoch boundary', () => {
  const dataset = createDataset(mnistSpec({ digits: [0] }), 2) as FiniteDataset;
  dataset.sample(dataset.trainSize - 10);
  const saved = JSON.stringify(dataset.getPosition());
  const next = dataset.sample(30);
  const restored = createDataset(mnistSpec({ digits: [0] }), 2);
  restored.setPosition(JSON.parse(saved));
  const again = restored.sample(30);
  assert.deepEqual(again.data, next.data);
  assert.deepEqual(again.labels, next.labels);
});

test('missing or corrupt digit files give a clear error', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'genmon-mnist-'));
  try {
    assert.throws(() => loadMnist(mnistSpec({ digits: [2] }), folder), /mnist: cannot read .*2\.json: ENOENT/);
    writeFileSync(path.join(folder, '2.json'), '{"data": [1, 2');
    assert.throws(() => loadMnist(mnistSpec({ digits: [2] }), folder), /mnist: cannot read .*2\.json/);
    writeFileSync(path.join(folder, '2.json'), JSON.stringify({ data: [0.5, 0.5] }));
    assert.throws(() => loadMnist(mnistSpec({ digits: [2] }), folder), /has no 'data' array of 28×28 images/);
    writeFileSync(path.join(folder, '2.json'), JSON.stringify({ data: new Array(784).fill(3) }));
    assert.throws(() => loadMnist(mnistSpec({ digits: [2] }), folder), /values outside \[0, 1\]/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  assert.throws(() => createDataset(mnistSpec({ digits: [10] }), 1), /digits must be a non-empty list of integers from 0 to 9/);
});

test('the compact file the build writes holds exactly the digits of the package, in a few MB', async () => {
  const { packMnistDigits } = await import('../../scripts/lib/mnist-compact.mjs');
  const packageDigits = path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const folder = mkdtempSync(path.join(tmpdir(), 'genmon-mnist-compact-'));
  try {
    const compact = packMnistDigits(packageDigits);
    assert.ok(compact.length < 3_000_000, `${compact.length} bytes`);
    assert.equal(MNIST_COMPACT_FILE, 'digits.bin.gz');
    const file = path.join(folder, MNIST_COMPACT_FILE);
    writeFileSync(file, compact);
    assert.equal(readMnistCompact(file).counts.reduce((a, b) => a + b, 0), 10000);
    for (const digits of [undefined, [3, 8]]) {
      const spec = mnistSpec(digits ? { digits } : {});
      const fromCompact = loadMnist(spec, folder);
      const fromJson = loadMnist(spec, packageDigits);
      assert.equal(fromCompact.count, fromJson.count);
      assert.deepEqual(fromCompact.labels, fromJson.labels);
      assert.deepEqual(fromCompact.pixels, fromJson.pixels, 'identical pixels');
    }

    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, 1000));
    assert.throws(() => loadMnist(mnistSpec(), folder), /mnist: cannot read .*digits\.bin\.gz/);
    writeFileSync(file, gzipSync(Buffer.from('NOTMNIST and then some more bytes to read')));
    assert.throws(() => loadMnist(mnistSpec(), folder), /is not a compact MNIST file/);
    const header = Buffer.alloc(48);
    header.write('GMNIST01', 0, 'latin1');
    header.writeUInt32LE(2, 8);
    writeFileSync(file, gzipSync(Buffer.concat([header, Buffer.alloc(784)])));
    assert.throws(() => loadMnist(mnistSpec(), folder), /holds 784 pixel bytes, but its header counts 2 images/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

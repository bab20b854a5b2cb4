// docs/stream-format.md promises that its worked example is what genmon writes; this keeps that promise checked.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { encodeRecord } from '../../src/core/stream/encode';
import { FILE_SIGNATURE, FRAME_MAGIC, MAX_PAYLOAD_BYTES } from '../../src/core/stream/format';

const docPath = path.join(__dirname, '..', '..', 'docs', 'stream-format.md');

function workedExampleBytes(markdown: string): Buffer {
  const section = /<!-- worked-example:start -->([\s\S]*?)<!-- worked-example:end -->/.exec(markdown)?.[1];
  assert.ok(section, 'the doc has a worked-example section');
  const hex = section
    .split('\n')
    .map((line) => /^[0-9a-f]{8} {2}((?:[0-9a-f]{2} ?)+)/.exec(line)?.[1] ?? '')
    .join(' ');
  return Buffer.from(hex.replace(/\s+/g, ''), 'hex');
}

test('the worked example in docs/stream-format.md is byte for byte what encodeRecord writes', () => {
  const documented = workedExampleBytes(fs.readFileSync(docPath, 'utf8'));
  const encoded = encodeRecord({
    type: 'snapshot',
    iteration: 2,
    time: 1700000000000,
    metrics: { lossD: 0.5 },
    arrays: { lossD: { dtype: 'float32', shape: [2], data: new Float32Array([0.5, -1]) } },
  });
  assert.equal(documented.length, 192);
  assert.deepEqual(documented, encoded);
});

test('the constants the doc states are the ones the code uses', () => {
  const markdown = fs.readFileSync(docPath, 'utf8');
  assert.deepEqual([...FILE_SIGNATURE], [0x89, 0x47, 0x4d, 0x53, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(markdown.includes('`89 47 4d 53 0d 0a 1a 0a`'));
  assert.equal(FRAME_MAGIC.toString('latin1'), 'GMRC');
  assert.equal(MAX_PAYLOAD_BYTES, 268_435_456);
  assert.ok(markdown.includes('268 435 456'));
  assert.ok(markdown.includes('0xEDB88320'));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32 } from '../../src/core/stream/crc32';

test('crc32 matches the CRC-32/IEEE check value', () => {
  assert.equal(crc32(Buffer.from('123456789', 'ascii')), 0xcbf43926);
});

test('crc32 of no bytes is 0 and of one zero byte is 0xD202EF8D', () => {
  assert.equal(crc32(new Uint8Array(0)), 0);
  assert.equal(crc32(new Uint8Array([0])), 0xd202ef8d);
});

test('crc32 detects a single flipped bit', () => {
  const bytes = Buffer.from('The quick brown fox jumps over the lazy dog', 'ascii');
  assert.equal(crc32(bytes), 0x414fa339);
  bytes[10]! ^= 0x01;
  assert.notEqual(crc32(bytes), 0x414fa339);
});

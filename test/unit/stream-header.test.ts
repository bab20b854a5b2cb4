import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readStreamHeader } from '../../src/core/stream/header';
import { StreamWriter } from '../../src/core/stream/writer';
import type { HeaderRecord } from '../../src/protocol/stream';

const header: HeaderRecord = {
  type: 'header',
  formatVersion: 1,
  runId: '20261122-000000-abcd',
  createdAt: '2026-11-22T00:00:00.000Z',
  config: { name: 'ring8' },
  configPath: '/w/ring8.genmon.yaml',
  trainer: { name: 'genmon-trainer', version: '0.1.0', backend: 'wasm' },
};

test('readStreamHeader returns the first record of a stream without reading what follows', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'genmon-header-')), 'stream.gms');
  const writer = StreamWriter.create(file);
  writer.write(header);
  writer.write({ type: 'event', kind: 'started', iteration: 0, time: 1 });
  writer.close();
  const read = readStreamHeader(file);
  assert.equal(read.runId, header.runId);
  assert.equal(read.configPath, '/w/ring8.genmon.yaml');
  assert.equal(read.trainer.backend, 'wasm');
});

test('readStreamHeader says why a file is not a run stream', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'genmon-header-'));
  const notStream = path.join(dir, 'notes.txt');
  writeFileSync(notStream, 'hello, this is not a stream');
  assert.throws(() => readStreamHeader(notStream), /not a genmon snapshot stream/);

  const noHeader = path.join(dir, 'stream.gms');
  const writer = StreamWriter.create(noHeader);
  writer.write({ type: 'event', kind: 'started', iteration: 0, time: 1 });
  writer.close();
  assert.throws(() => readStreamHeader(noHeader), /does not start with a header record: its first record is a event/);

  const empty = path.join(dir, 'empty.gms');
  StreamWriter.create(empty).close();
  assert.throws(() => readStreamHeader(empty), /no complete record yet/);
});

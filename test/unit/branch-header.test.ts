import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodePayload } from '../../src/core/stream/decode';
import { encodeRecord } from '../../src/core/stream/encode';
import { readStreamHeader } from '../../src/core/stream/header';
import { StreamWriter } from '../../src/core/stream/writer';
import type { HeaderRecord } from '../../src/protocol/stream';

const plain: HeaderRecord = { type: 'header', formatVersion: 1, runId: 'b', createdAt: '2024-05-01T00:00:00.000Z', config: null, trainer: { name: 't', version: '0', backend: 'cpu' } };
const origin = { parentRunId: 'a', parentRunDir: '/runs/a', checkpointIteration: 200 };

/** The header decoded from its meta JSON, as a reader sees a frame. */
function decodeMeta(meta: Record<string, unknown>): ReturnType<typeof decodePayload> {
  const json = Buffer.from(JSON.stringify(meta));
  const payload = Buffer.alloc(4 + json.length + ((4 - (json.length % 4)) % 4));
  payload.writeUInt32LE(json.length, 0);
  json.copy(payload, 4);
  return decodePayload(payload);
}

test('a branch header round-trips its parent through the stream; a plain header reads without one', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'genmon-branch-header-')), 'stream.gms');
  const writer = StreamWriter.create(file);
  writer.write({ ...plain, branchOf: origin });
  writer.close();
  assert.deepEqual(readStreamHeader(file).branchOf, origin);
  assert.equal(Object.hasOwn(decodeMetaOf(plain), 'branchOf'), false);
});

function decodeMetaOf(record: HeaderRecord): HeaderRecord {
  const outcome = decodeMeta({ ...record });
  assert.ok(outcome.kind === 'record' && outcome.record.type === 'header', JSON.stringify(outcome));
  return outcome.record;
}

test('branchOf: null reads as absent, unknown inner fields are dropped, a malformed one names its field', () => {
  assert.equal(decodeMetaOf({ ...plain, branchOf: null } as unknown as HeaderRecord).branchOf, undefined);
  assert.deepEqual(decodeMetaOf({ ...plain, branchOf: { ...origin, note: 'newer writer' } } as unknown as HeaderRecord).branchOf, origin);
  const cases: [unknown, RegExp][] = [
    ['a', /"branchOf" is not a JSON object/],
    [{ ...origin, parentRunId: '' }, /branchOf "parentRunId"/],
    [{ ...origin, parentRunDir: 7 }, /branchOf "parentRunDir"/],
    [{ ...origin, checkpointIteration: -1 }, /branchOf "checkpointIteration"/],
    [{ ...origin, checkpointIteration: 1.5 }, /branchOf "checkpointIteration"/],
  ];
  for (const [branchOf, message] of cases) {
    const outcome = decodeMeta({ ...plain, branchOf });
    assert.ok(outcome.kind === 'invalid' && message.test(outcome.message), JSON.stringify(outcome));
    assert.throws(() => encodeRecord({ ...plain, branchOf } as unknown as HeaderRecord), message);
  }
});

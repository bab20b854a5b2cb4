import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_CONTROL_MESSAGE_BYTES, parseClientMessage, parseServerMessage, type ControlErrorCode } from '../../src/protocol/control';
import { settingProblem } from '../../src/trainer/control/settingBounds';

function accepted(text: string): unknown {
  const parsed = parseClientMessage(text);
  assert.ok(parsed.ok, `expected ${text} to be accepted: ${parsed.ok ? '' : parsed.error.message}`);
  return parsed.value;
}

function rejected(text: string, code: ControlErrorCode, message: RegExp): { id?: unknown } {
  const parsed = parseClientMessage(text);
  assert.ok(!parsed.ok, `expected ${text.slice(0, 80)} to be rejected`);
  assert.equal(parsed.error.code, code, parsed.error.message);
  assert.equal(parsed.error.ok, false);
  assert.match(parsed.error.message, message);
  return parsed.error;
}

test('every command shape is accepted and typed', () => {
  assert.deepEqual(accepted('{"type":"hello","token":"abc"}'), { type: 'hello', token: 'abc' });
  for (const type of ['pause', 'resume', 'stop', 'checkpoint', 'status']) assert.deepEqual(accepted(JSON.stringify({ type, id: 7 })), { type, id: 7 });
  assert.deepEqual(accepted('{"type":"set","id":"a","learningRate":0.002}'), { type: 'set', id: 'a', learningRate: 0.002 });
  assert.deepEqual(accepted('{"type":"set","id":1,"snapshotEvery":5}'), { type: 'set', id: 1, snapshotEvery: 5 });
  assert.deepEqual(accepted('{"type":"augment","id":2,"group":{"label":"7","smiling":true},"method":"reweight","factor":3}'), {
    type: 'augment',
    id: 2,
    group: { label: '7', smiling: true },
    method: 'reweight',
    factor: 3,
  });
  assert.deepEqual(accepted('{"type":"augment","id":3,"group":{"label":1},"method":"add-images","folder":"/data/more"}'), {
    type: 'augment',
    id: 3,
    group: { label: 1 },
    method: 'add-images',
    folder: '/data/more',
  });
  assert.deepEqual(accepted('{"type":"augment","id":4,"group":{"a":"b"},"method":"synthesize","count":100}'), { type: 'augment', id: 4, group: { a: 'b' }, method: 'synthesize', count: 100 });
});

test('malformed text, unknown types and wrongly typed fields get error replies that echo a valid id', () => {
  rejected('{not json', 'malformed', /not JSON/);
  rejected('[1,2]', 'invalid-request', /JSON object/);
  rejected('"pause"', 'invalid-request', /JSON object/);
  assert.equal(rejected('{"type":"explode","id":9}', 'invalid-request', /unknown message type "explode"/).id, 9);
  rejected('{"id":9}', 'invalid-request', /string "type"/);
  rejected('{"type":"pause"}', 'invalid-request', /needs an "id"/);
  rejected('{"type":"pause","id":1.5}', 'invalid-request', /"id" must be/);
  rejected('{"type":"pause","id":""}', 'invalid-request', /"id" must be/);
  rejected('{"type":"pause","id":{}}', 'invalid-request', /"id" must be/);
  assert.equal(rejected('{"type":"pause","id":3,"force":true}', 'invalid-request', /unknown field "force"/).id, 3);
  rejected('{"type":"hello","token":5}', 'invalid-request', /"token"/);
  rejected('{"type":"set","id":1}', 'invalid-request', /learningRate.*snapshotEvery/);
  rejected('{"type":"set","id":1,"learningRate":"fast"}', 'invalid-request', /"learningRate" must be a finite number/);
  rejected('{"type":"set","id":1,"snapshotEvery":2.5}', 'invalid-request', /"snapshotEvery" must be an integer/);
  rejected('{"type":"set","id":1,"learning_rate":0.1}', 'invalid-request', /unknown field "learning_rate"/);
});

test('augment is validated: group, method, and the field each method needs', () => {
  rejected('{"type":"augment","id":1,"method":"reweight","factor":2}', 'invalid-request', /"group" must be a JSON object/);
  rejected('{"type":"augment","id":1,"group":{},"method":"reweight","factor":2}', 'invalid-request', /"group" needs 1 to/);
  rejected('{"type":"augment","id":1,"group":{"a":[1]},"method":"reweight","factor":2}', 'invalid-request', /"group.a" must be/);
  rejected('{"type":"augment","id":1,"group":{"a":null},"method":"reweight","factor":2}', 'invalid-request', /"group.a" must be/);
  rejected('{"type":"augment","id":1,"group":{"a":"b"},"method":"paint","factor":2}', 'invalid-request', /"method" must be one of reweight, add-images, synthesize/);
  rejected('{"type":"augment","id":1,"group":{"a":"b"},"method":"reweight"}', 'invalid-request', /needs "factor"/);
  rejected('{"type":"augment","id":1,"group":{"a":"b"},"method":"add-images"}', 'invalid-request', /needs "folder"/);
  rejected('{"type":"augment","id":1,"group":{"a":"b"},"method":"synthesize"}', 'invalid-request', /needs "count"/);
  rejected('{"type":"augment","id":1,"group":{"a":"b"},"method":"reweight","factor":-1}', 'invalid-request', /"factor" must be > 0/);
  rejected('{"type":"augment","id":1,"group":{"a":"b"},"method":"synthesize","count":0}', 'invalid-request', /"count" must be/);
});

test('a message over the size limit is refused as too-large without being parsed', () => {
  const padding = 'x'.repeat(MAX_CONTROL_MESSAGE_BYTES);
  rejected(`{"type":"status","id":1,"pad":"${padding}"}`, 'too-large', new RegExp(String(MAX_CONTROL_MESSAGE_BYTES)));
  // Multi-byte characters count in bytes, not characters.
  rejected(`{"type":"status","id":"${'é'.repeat(MAX_CONTROL_MESSAGE_BYTES / 2 + 1)}"}`, 'too-large', /limited/);
});

test('set bounds are the config schema bounds', () => {
  assert.equal(settingProblem('learningRate', 0.001), undefined);
  assert.equal(settingProblem('learningRate', 1), undefined);
  assert.match(settingProblem('learningRate', 0) ?? '', /> 0 and ≤ 1; got 0/);
  assert.match(settingProblem('learningRate', 1.5) ?? '', /got 1.5/);
  assert.equal(settingProblem('snapshotEvery', 1), undefined);
  assert.match(settingProblem('snapshotEvery', 0) ?? '', /integer 1 to 100000000/);
  assert.match(settingProblem('snapshotEvery', 1e9) ?? '', /got 1000000000/);
});

test('the client-side parser accepts what a trainer sends and rejects anything else', () => {
  const settings = { learningRate: 0.001, snapshotEvery: 10 };
  assert.equal(parseServerMessage(JSON.stringify({ type: 'ack', id: 1, ok: true, command: 'pause', state: 'paused', iteration: 3, settings }))?.type, 'ack');
  assert.equal(parseServerMessage(JSON.stringify({ type: 'state', state: 'running', iteration: 3, settings, cause: 'resume' }))?.type, 'state');
  assert.equal(parseServerMessage(JSON.stringify({ type: 'error', ok: false, code: 'malformed', message: 'x' }))?.type, 'error');
  assert.equal(parseServerMessage(JSON.stringify({ type: 'ack', id: 1, ok: true, state: 'dancing', iteration: 3, settings })), undefined);
  assert.equal(parseServerMessage(JSON.stringify({ type: 'error', ok: false, code: 'nope', message: 'x' })), undefined);
  assert.equal(parseServerMessage('not json'), undefined);
  assert.equal(parseServerMessage('null'), undefined);
});

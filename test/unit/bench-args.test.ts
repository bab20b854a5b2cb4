import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BenchUsageError, parseBenchArgs } from '../../bench/args';

const GROUPS = ['stream', 'trainer', 'projection'];

test('no options: every group in registry order, table output, full run', () => {
  assert.deepEqual(parseBenchArgs([], GROUPS), { help: false, json: false, quick: false, groups: GROUPS });
});

test('--json and --quick are flags', () => {
  const args = parseBenchArgs(['--json', '--quick'], GROUPS);
  assert.equal(args.json, true);
  assert.equal(args.quick, true);
});

test('--only selects groups, repeatable and comma-separated, in registry order without duplicates', () => {
  assert.deepEqual(parseBenchArgs(['--only', 'trainer'], GROUPS).groups, ['trainer']);
  assert.deepEqual(parseBenchArgs(['--only', 'projection', '--only', 'stream'], GROUPS).groups, ['stream', 'projection']);
  assert.deepEqual(parseBenchArgs(['--only=trainer,stream,trainer'], GROUPS).groups, ['stream', 'trainer']);
});

test('an unknown group is a usage error that lists the groups', () => {
  assert.throws(
    () => parseBenchArgs(['--only', 'stream,gpu'], GROUPS),
    (error: unknown) => error instanceof BenchUsageError && error.message.includes("'gpu'") && error.message.includes('stream, trainer, projection'),
  );
});

test('an empty --only, an unknown option and a stray argument are usage errors', () => {
  assert.throws(() => parseBenchArgs(['--only', ','], GROUPS), BenchUsageError);
  assert.throws(() => parseBenchArgs(['--fast'], GROUPS), BenchUsageError);
  assert.throws(() => parseBenchArgs(['stream'], GROUPS), BenchUsageError);
  assert.throws(() => parseBenchArgs(['--only'], GROUPS), BenchUsageError);
});

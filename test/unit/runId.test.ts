import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newRunDirName } from '../../src/core/monitor/runDirectory';
import { createRunId, isRunId, runIdForDirectory } from '../../src/core/run/runId';

const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

test('run ids are UTC date-time then 4 base-36 characters', () => {
  assert.equal(createRunId(when, () => 0), '20260102-030405-0000');
  assert.equal(createRunId(when, () => 0.999999999), '20260102-030405-zzzz');
  assert.ok(isRunId(createRunId(new Date(), Math.random)));
});

test('ids sort by start time', () => {
  const earlier = createRunId(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), () => 0.9);
  const later = createRunId(new Date(Date.UTC(2026, 0, 2, 3, 4, 6)), () => 0.1);
  assert.ok(earlier < later);
});

test('the extension names run folders in the same format, so the folder name is the run id', () => {
  const name = newRunDirName(when, () => 0.5);
  assert.ok(isRunId(name));
  assert.equal(runIdForDirectory(name, new Date(0)), name);
});

test('a folder not named like a run id gets a fresh id', () => {
  for (const name of ['r', 'my-run', '20260102-030405-ABCD', '20260102-030405-abcde']) {
    assert.equal(isRunId(name), false, name);
    assert.equal(runIdForDirectory(name, when, () => 0), '20260102-030405-0000');
  }
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  isProcessAlive,
  isRecordedTrainerAlive,
  readTrainerPid,
  removeTrainerPid,
  TRAINER_PID_FILE_NAME,
  writeTrainerPid,
} from '../../src/core/run/trainerPid';

test('the pid file holds the pid and is removed only by its owner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-pid-'));
  writeTrainerPid(dir, 4242);
  assert.equal(readFileSync(join(dir, TRAINER_PID_FILE_NAME), 'utf8').trim(), '4242');
  assert.equal(readTrainerPid(dir), 4242);
  removeTrainerPid(dir, 1234);
  assert.equal(readTrainerPid(dir), 4242, 'another process does not remove it');
  removeTrainerPid(dir, 4242);
  assert.equal(existsSync(join(dir, TRAINER_PID_FILE_NAME)), false);
  removeTrainerPid(dir, 4242);
});

test('a missing or garbled pid file reads as no pid', () => {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-pid-'));
  assert.equal(readTrainerPid(dir), undefined);
  writeFileSync(join(dir, TRAINER_PID_FILE_NAME), 'not a pid');
  assert.equal(readTrainerPid(dir), undefined);
  assert.equal(isRecordedTrainerAlive(dir), false);
});

test('liveness: this process is alive, an exited child is not', () => {
  assert.equal(isProcessAlive(process.pid), true);
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  assert.equal(isProcessAlive(Number(child.stdout)), false);
  const dir = mkdtempSync(join(tmpdir(), 'genmon-pid-'));
  writeTrainerPid(dir, process.pid);
  assert.equal(isRecordedTrainerAlive(dir), true);
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parseTrainArguments } from '../../src/cli/trainCommand';
import { UsageError } from '../../src/cli/usageError';
import { writeTrainerPid } from '../../src/core/run/trainerPid';
import type { HeaderRecord } from '../../src/protocol/stream';
import { readCheckpoint } from '../../src/trainer/checkpoint/checkpointStore';
import { EVALUATOR_TRAINING_ENV } from '../../src/trainer/runEvaluator';
import { writeTinyRingConfig } from './support/tinyRingConfig';
import { assertSameTrainingState, cli, records } from './support/runTools';

process.env[EVALUATOR_TRAINING_ENV] = JSON.stringify({ maxIterations: 2, heldOutCount: 20 });

function writeConfig(dir: string, maxIterations: number): string {
  return writeTinyRingConfig(dir, { name: 'branch', seed: 5, latentDim: 3, generator: [16, 16], discriminator: [16], batchSize: 16, maxIterations, samples: 16 });
}

/** Every file under `dir` with its sha256: equal maps mean the folder was left byte for byte as it was. */
function fingerprint(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = join(dir, name);
    if (statSync(file).isFile()) files.set(name, createHash('sha256').update(readFileSync(file)).digest('hex'));
  }
  return files;
}

test('a branch from checkpoint 100 trained to 200 has exactly the weights the parent had at 200, and the parent is untouched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-branch-'));
  const config = writeConfig(dir, 100);
  const parentDir = join(dir, 'parent');
  const branchDir = join(dir, 'branch');
  assert.equal((await cli(['train', config, '--run-dir', parentDir])).code, 0);
  const resumed = await cli(['train', '--resume', parentDir, '--max-iterations', '200']);
  assert.equal(resumed.code, 0, resumed.err);
  const parentBefore = fingerprint(parentDir);
  assert.ok(parentBefore.has(join('checkpoints', '100', 'manifest.json')) && parentBefore.has(join('checkpoints', '200', 'manifest.json')));

  const branched = await cli(['train', '--resume', parentDir, '--from-checkpoint', 'checkpoints/100', '--branch-run-dir', branchDir, '--max-iterations', '200']);
  assert.equal(branched.code, 0, branched.err);

  assertSameTrainingState(readCheckpoint(join(branchDir, 'checkpoints', '200')), readCheckpoint(join(parentDir, 'checkpoints', '200')));
  assert.deepEqual(fingerprint(parentDir), parentBefore, 'the parent run is byte for byte as it was');

  const parentHeader = records(parentDir)[0] as HeaderRecord;
  const branchRecords = records(branchDir);
  const header = branchRecords[0];
  assert.ok(header?.type === 'header');
  assert.notEqual(header.runId, parentHeader.runId);
  assert.deepEqual(header.branchOf, { parentRunId: parentHeader.runId, parentRunDir: resolve(parentDir), checkpointIteration: 100 });
  assert.equal((header.config as { training: { maxIterations: number } }).training.maxIterations, 200);
  assert.equal(parentHeader.branchOf, undefined);
  const started = branchRecords.find((record) => record.type === 'event' && record.kind === 'started');
  assert.ok(started?.type === 'event' && started.iteration === 100, JSON.stringify(started));
  assert.match(started.message ?? '', new RegExp(`branch of run ${parentHeader.runId} from .*checkpoints.100`));
  const snapshots = branchRecords.flatMap((record) => (record.type === 'snapshot' ? [record.iteration] : []));
  assert.deepEqual(snapshots, [100, 150, 200]);
  assert.deepEqual(branchRecords.at(-1), { ...branchRecords.at(-1), type: 'end', reason: 'completed', iteration: 200 });

  // The branch is a run of its own: it resumes like any other, and its checkpoints carry its own id.
  assert.equal(readCheckpoint(join(branchDir, 'checkpoints', '200')).runId, header.runId);
  const branchResumed = await cli(['train', '--resume', branchDir, '--max-iterations', '250']);
  assert.equal(branchResumed.code, 0, branchResumed.err);
  assert.deepEqual(fingerprint(parentDir), parentBefore);

  // genmon inspect names where a branch came from.
  const table = await cli(['inspect', branchDir]);
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, new RegExp(`branch of\\s+run ${header.branchOf?.parentRunId} from its checkpoint at iteration 100 \\(`));
  const json = await cli(['inspect', branchDir, '--json']);
  assert.deepEqual(JSON.parse(json.out).branchOf, header.branchOf);
  assert.equal(JSON.parse((await cli(['inspect', parentDir, '--json'])).out).branchOf, undefined);
});

test('a branch is refused with exit 2 and a reason, creating nothing and leaving the parent as it was', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-branch-refused-'));
  const config = writeConfig(dir, 30);
  const parentDir = join(dir, 'parent');
  assert.equal((await cli(['train', config, '--run-dir', parentDir])).code, 0);
  const parentBefore = fingerprint(parentDir);
  const branchDir = join(dir, 'branch');
  const branch = (...extra: string[]) => cli(['train', '--resume', parentDir, '--branch-run-dir', branchDir, ...extra]);

  const missing = await branch('--from-checkpoint', '15', '--max-iterations', '60');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /there is no checkpoint at iteration 15 \(it has checkpoints at 30\)/);

  const malformed = await branch('--from-checkpoint', 'latest-ish');
  assert.equal(malformed.code, 2);
  assert.match(malformed.err, /'latest-ish' does not name a checkpoint/);

  const atMax = await branch('--from-checkpoint', '30');
  assert.equal(atMax.code, 2);
  assert.match(atMax.err, /already at maxIterations 30; pass --max-iterations/);

  writeTrainerPid(parentDir, process.pid);
  const live = await branch('--max-iterations', '60');
  assert.equal(live.code, 2);
  assert.match(live.err, new RegExp(`a trainer \\(pid ${process.pid}\\) is still running it`));
  rmSync(join(parentDir, 'trainer.pid'));
  assert.ok(!existsSync(branchDir), 'no refused branch created its directory');

  const inside = await cli(['train', '--resume', parentDir, '--branch-run-dir', join(parentDir, 'b'), '--max-iterations', '60']);
  assert.equal(inside.code, 2);
  assert.match(inside.err, /inside the parent run/);

  mkdirSync(join(branchDir, 'checkpoints'), { recursive: true });
  writeFileSync(join(branchDir, 'stream.gms'), 'another run');
  const taken = await branch('--max-iterations', '60');
  assert.equal(taken.code, 2);
  assert.match(taken.err, /already holds a run \(checkpoints, stream\.gms\)|already holds a run \(stream\.gms, checkpoints\)/);
  assert.deepEqual(readdirSync(branchDir).sort(), ['checkpoints', 'stream.gms']);
  rmSync(branchDir, { recursive: true });

  const nowhere = await cli(['train', '--resume', join(dir, 'nowhere'), '--branch-run-dir', join(dir, 'b2')]);
  assert.equal(nowhere.code, 2);
  assert.match(nowhere.err, /cannot branch from .*nowhere: no such run directory/);
  assert.deepEqual(fingerprint(parentDir), parentBefore);

  // A folder that only holds what a viewer writes beside a run (VS Code's projection cache, created
  // as it attaches to the new run) is still a place for a branch.
  const attached = join(dir, 'attached');
  mkdirSync(attached);
  writeFileSync(join(attached, 'projections.cache'), 'a viewer was here');
  const intoAttached = await cli(['train', '--resume', parentDir, '--from-checkpoint', '30', '--branch-run-dir', attached, '--max-iterations', '60']);
  assert.equal(intoAttached.code, 0, intoAttached.err);
  assert.ok(existsSync(join(attached, 'stream.gms')));

  // A damaged checkpoint is named, not restored.
  writeFileSync(join(parentDir, 'checkpoints', '30', 'state.bin'), 'garbage');
  const damaged = await cli(['train', '--resume', parentDir, '--from-checkpoint', '30', '--branch-run-dir', join(dir, 'b3'), '--max-iterations', '60']);
  assert.equal(damaged.code, 2);
  assert.match(damaged.err, /the checkpoint cannot be used: .*state\.bin/);
  assert.ok(!existsSync(join(dir, 'b3')));
});

test('the branch flags parse only together with --resume, and --from-checkpoint only with a branch directory', () => {
  const parsed = parseTrainArguments(['--resume', 'parent', '--from-checkpoint', '200', '--branch-run-dir', 'new', '--max-iterations', '400']);
  assert.deepEqual(parsed.branch, { parentRunDir: 'parent', checkpoint: '200' });
  assert.equal(parsed.runDir, 'new');
  assert.equal(parsed.resume, undefined);
  assert.deepEqual(parseTrainArguments(['--resume', 'parent', '--branch-run-dir', 'new']).branch, { parentRunDir: 'parent', checkpoint: undefined });
  assert.equal(parseTrainArguments(['--resume', 'parent']).branch, undefined);

  const bad: [string[], RegExp][] = [
    [['--resume', 'parent', '--from-checkpoint', '200'], /--from-checkpoint needs --branch-run-dir/],
    [['c.genmon.yaml', '--run-dir', 'r', '--branch-run-dir', 'new'], /pass it as --resume <run-dir>/],
    [['--resume', 'parent', '--branch-run-dir', ''], /--branch-run-dir needs a <dir>/],
    [['--resume', 'parent', '--branch-run-dir', 'new', '--from-checkpoint', ''], /--from-checkpoint needs a checkpoint/],
  ];
  for (const [args, message] of bad) assert.throws(() => parseTrainArguments(args), (error: unknown) => error instanceof UsageError && message.test(error.message), args.join(' '));
});

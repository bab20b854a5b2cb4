/**
 * Everything `genmon train --resume <run-dir> --from-checkpoint <k> --branch-run-dir <dir>` needs
 * before it starts anything: the parent run (stopped, its config still valid), the chosen checkpoint
 * read back completely, and a branch directory that is new or empty and outside the parent — the
 * parent is only read, never written. Every reason not to branch is a BranchRefusedError whose
 * message names the run or directory at fault and what to do.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CHECKPOINTS_FOLDER, checkpointIterationOfName } from '../../core/run/checkpointFolders';
import { STREAM_FILE_NAME, type BranchOrigin } from '../../protocol/stream';
import { CheckpointError, latestCheckpoint, listCheckpoints, readCheckpoint, type Checkpoint } from './checkpointStore';
import { readRecordedRun, type RecordedRun } from './recordedRun';

export interface BranchPlan {
  readonly parentRunDir: string;
  readonly parent: RecordedRun;
  readonly checkpoint: Checkpoint;
  readonly checkpointPath: string;
  readonly branchRunDir: string;
  /** What the branch's header records as `branchOf`. */
  readonly origin: BranchOrigin;
}

export class BranchRefusedError extends Error {}

/** `200` or `checkpoints/200` (how events and the end record name it) → 200; undefined when it is neither. */
export function parseCheckpointSelector(selector: string): number | undefined {
  const name = selector.trim().replace(/\\/g, '/').replace(/\/+$/, '');
  const prefix = `${CHECKPOINTS_FOLDER}/`;
  return checkpointIterationOfName(name.startsWith(prefix) ? name.slice(prefix.length) : name);
}

function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function branchDirProblem(parentRunDir: string, branchRunDir: string): string | undefined {
  if (isInside(path.resolve(parentRunDir), path.resolve(branchRunDir))) return 'it is inside the parent run, which a branch leaves untouched; choose a directory outside it';
  if (!existsSync(branchRunDir)) return undefined;
  if (!statSync(branchRunDir).isDirectory()) return 'it exists and is not a directory';
  // Like --run-dir for a new run: files a viewer keeps beside a run (the projection cache, the
  // metrics and alert logs, which VS Code may create as it attaches) do not make it a run.
  const held = readdirSync(branchRunDir).filter((name) => name === STREAM_FILE_NAME || name === CHECKPOINTS_FOLDER);
  if (held.length > 0) return `it already holds a run (${held.join(', ')}); a branch starts a new run in a directory without one`;
  return undefined;
}

/** `checkpoint`: a selector (see parseCheckpointSelector), or undefined for the newest readable checkpoint. */
export function planBranch(parentRunDir: string, checkpoint: string | undefined, branchRunDir: string): BranchPlan {
  const refuse = (problem: string): never => {
    throw new BranchRefusedError(`cannot branch from ${parentRunDir}: ${problem}`);
  };
  const parent = readRecordedRun(parentRunDir, refuse);
  const branchProblem = branchDirProblem(parentRunDir, branchRunDir);
  if (branchProblem) throw new BranchRefusedError(`cannot branch into ${branchRunDir}: ${branchProblem}`);

  const chosen = checkpoint === undefined ? newestCheckpoint(parentRunDir, refuse) : namedCheckpoint(parentRunDir, checkpoint, refuse);
  if (chosen.checkpoint.configHash !== parent.configHash) refuse(`its checkpoint ${chosen.path} was saved with a different config than the run's`);
  if (chosen.checkpoint.runId !== parent.header.runId) refuse(`its checkpoint ${chosen.path} belongs to run ${chosen.checkpoint.runId}, not ${parent.header.runId}`);
  return {
    parentRunDir,
    parent,
    checkpoint: chosen.checkpoint,
    checkpointPath: chosen.path,
    branchRunDir,
    origin: { parentRunId: parent.header.runId, parentRunDir: path.resolve(parentRunDir), checkpointIteration: chosen.checkpoint.iteration },
  };
}

interface ChosenCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly path: string;
}

function availableIterations(runDir: string): string {
  const iterations = listCheckpoints(runDir).map((entry) => entry.iteration);
  return iterations.length > 0 ? `it has checkpoints at ${iterations.join(', ')}` : `it has no checkpoint in ${CHECKPOINTS_FOLDER}/`;
}

function namedCheckpoint(runDir: string, selector: string, refuse: (problem: string) => never): ChosenCheckpoint {
  const iteration = parseCheckpointSelector(selector);
  if (iteration === undefined) return refuse(`'${selector}' does not name a checkpoint: give its iteration (200) or folder (${CHECKPOINTS_FOLDER}/200)`);
  const entry = listCheckpoints(runDir).find((candidate) => candidate.iteration === iteration);
  if (!entry) return refuse(`there is no checkpoint at iteration ${iteration} (${availableIterations(runDir)})`);
  try {
    return { checkpoint: readCheckpoint(entry.path), path: entry.path };
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    return refuse(`the checkpoint cannot be used: ${error.message}`);
  }
}

function newestCheckpoint(runDir: string, refuse: (problem: string) => never): ChosenCheckpoint {
  const latest = latestCheckpoint(runDir);
  if (latest.checkpoint) return { checkpoint: latest.checkpoint, path: latest.path };
  const why = latest.skipped.length > 0 ? `; unreadable: ${latest.skipped.join('; ')}` : '';
  return refuse(`it has no complete checkpoint in ${CHECKPOINTS_FOLDER}/${why}`);
}
